import CygniModel
import CygniRollout
import Foundation

/// The three workloads of the performance section.
enum Workloads {
    static let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func canaryPlan(id: String, bake: Double) -> RolloutPlan {
        RolloutPlan(
            id: id, service: "svc-\(id)", fromVersion: "v1", toVersion: "v2",
            strategy: .canary(CanaryParameters(steps: [5, 25, 50, 100], bake: bake)), fleet: FleetSpec(desiredCount: 4)
        )
    }

    static func window(_ version: String, requests: Int, errors: Int, end: Date, seconds: Double, random: inout SplitMix) -> MetricWindow {
        MetricWindow(
            version: version, start: end.addingTimeInterval(-seconds), end: end, requests: requests, errors: errors,
            slowRequests: 0, p99Milliseconds: 180,
            samples: [
                "error_rate": [requests > 0 ? Double(errors) / Double(requests) : 0],
                "latency_ms": (0..<5).map { _ in 80 * exp(0.3 * random.normal()) },
            ]
        )
    }

    /// 1,000 rollouts baking their first step, with every rollout's inputs for one tick.
    static func thousandRollouts() -> (MultiRolloutEngine, Date) {
        var engine = MultiRolloutEngine()
        var now = origin
        for index in 0..<1_000 {
            // A long bake keeps every rollout in `baking` however many ticks the benchmark runs.
            engine.add(try! RolloutEngine.start(plan: canaryPlan(id: "r\(index)", bake: 86_400), at: origin))
        }
        _ = engine.tick(at: now)
        now = now.addingTimeInterval(20)
        let healthy = EngineInput.fleetHealth(FleetHealth(version: "v2", desired: 1, running: 1, healthy: 1))
        _ = engine.tick(inputs: Dictionary(uniqueKeysWithValues: engine.states.map { ($0.plan.id, [healthy]) }), at: now)
        return (engine, now)
    }

    static func observations(for engine: MultiRolloutEngine, at now: Date, random: inout SplitMix) -> [String: [EngineInput]] {
        var inputs: [String: [EngineInput]] = [:]
        for state in engine.states {
            inputs[state.plan.id] = [
                .metrics(window("v1", requests: 950, errors: 1, end: now, seconds: 1, random: &random)),
                .metrics(window("v2", requests: 50, errors: 0, end: now, seconds: 1, random: &random)),
            ]
        }
        return inputs
    }

    /// One service's canary through an hour of virtual time at one-second ticks, against a
    /// provider that obeys at once and reports health, tasks and metrics every second.
    static func simulatedCanaryHour() -> EngineState {
        var random = SplitMix(seed: 7)
        var state = try! RolloutEngine.start(plan: canaryPlan(id: "hour", bake: 840), at: origin)
        var desired: [String: Int] = ["v1": 4]
        var weights = TrafficSplit.allStable
        for second in 1...3_600 {
            let now = origin.addingTimeInterval(Double(second))
            var inputs: [EngineInput] = [.tick]
            for (version, count) in desired.sorted(by: { $0.key < $1.key }) {
                inputs.append(.fleetHealth(FleetHealth(version: version, desired: count, running: count, healthy: count)))
            }
            for (version, share) in [("v1", weights.stable), ("v2", weights.canary)] where share > 0 {
                let requests = 10 * share
                let errors = random.unit() < Double(requests) * 0.001 ? 1 : 0
                inputs.append(.metrics(window(version, requests: requests, errors: errors, end: now, seconds: 1, random: &random)))
            }
            for input in inputs {
                for command in RolloutEngine.advance(&state, input: input, at: now).commands {
                    switch command {
                    case .createFleet(let version, let count), .scale(let version, let count): desired[version] = count
                    case .deleteFleet(let version): desired[version] = nil
                    case .setWeights(let split): weights = split
                    case .runHook, .replaceTask: break
                    }
                }
            }
        }
        return state
    }
}
