import CygniModel
import CygniRollout
import Foundation

/// Random but valid plans, observations and operator commands, all from one seed.
extension SeededGenerator {
    mutating func plan(id: String = "r") -> RolloutPlan {
        let desired = int(1...20)
        let strategy: StrategyPlan
        switch int(0...4) {
        case 0:
            var weights = Set<Int>()
            for _ in 0..<int(0...4) { weights.insert(int(1...99)) }
            strategy = .canary(CanaryParameters(steps: weights.sorted() + [100], bake: Double(int(0...600)), analyze: unit() < 0.8))
        case 1:
            strategy = .linear(LinearParameters(stepPercent: int(3...60), interval: Double(int(0...300)), analyze: unit() < 0.5))
        case 2:
            let trafficSwitch: BlueGreenParameters.Switch = unit() < 0.5 ? .allAtOnce : .linear(stepPercent: int(5...50), interval: Double(int(0...120)))
            strategy = .blueGreen(BlueGreenParameters(trafficSwitch: trafficSwitch, preTrafficHook: unit() < 0.3 ? "smoke" : nil, bake: Double(int(0...300)), rollbackWindow: Double(int(0...900))))
        case 3:
            let minimum = int(0...100)
            strategy = .rolling(RollingParameters(minimumHealthyPercent: minimum, maximumPercent: minimum == 100 ? int(101...200) : int(100...200)))
        default:
            strategy = .recreate
        }
        var analysis = AnalysisPolicy(minimumSamples: int(1...60))
        if unit() < 0.3 { analysis.thresholds = nil }
        return RolloutPlan(
            id: id, service: "svc", fromVersion: "v1", toVersion: "v2", strategy: strategy,
            fleet: FleetSpec(desiredCount: desired), healthGate: HealthGate(minimumHealthyPercent: int(50...100), timeout: Double(int(30...900))),
            analysis: analysis, rollBackOnBurn: unit() < 0.7, healing: HealingPolicy(crashLoopFailures: int(1...5))
        )
    }

    mutating func input(for plan: RolloutPlan, at now: Date, keys: [String]) -> EngineInput {
        let version = unit() < 0.6 ? plan.toVersion : plan.fromVersion
        switch int(0...9) {
        case 0, 1:
            return .tick
        case 2, 3:
            let healthy = int(0...(plan.fleet.desiredCount + 2))
            return .fleetHealth(FleetHealth(version: version, desired: healthy, running: healthy, healthy: healthy))
        case 4:
            let reasons = ["OutOfMemoryError: Container killed due to memory usage", "Essential container in task exited", "Task failed ELB health checks", "Scaling activity initiated by deployment"]
            return .taskEvents([TaskEvent(time: now, service: plan.service, version: version, taskID: "t\(int(1...9))", kind: unit() < 0.9 ? .stopped : .healthCheckFailed, exitCode: pick([nil, 0, 1, 137]), stoppedReason: pick(reasons))])
        case 5, 6:
            let requests = int(0...5_000)
            let errors = int(0...max(0, requests / pick([1, 10, 100, 1_000])))
            let samples = (0..<int(0...20)).map { _ in unit() < 0.05 ? Double.nan : 80 + 20 * normal() }
            return .metrics(MetricWindow(
                version: version, start: now.addingTimeInterval(-10), end: now, requests: requests, errors: errors,
                slowRequests: int(0...max(0, requests / 50)), p99Milliseconds: unit() < 0.9 ? Double(int(50...900)) : nil,
                samples: ["error_rate": requests > 0 ? [Double(errors) / Double(requests)] : [], "latency_ms": samples]
            ))
        case 7:
            return .hookFinished(name: "smoke", succeeded: unit() < 0.7, detail: nil)
        default:
            return .command(RolloutCommand(kind: pick(RolloutCommand.Kind.allCases), actor: "op", reason: nil, idempotencyKey: pick(keys)))
        }
    }
}
