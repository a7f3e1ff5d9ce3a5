import CygniModel
import CygniRollout
import Foundation

/// Feeds one engine by hand: each call moves virtual time forward and keeps the last output.
struct Driver {
    var state: EngineState
    var now: Date
    var last: StepOutput?
    /// Every output so far, oldest first.
    var outputs: [StepOutput] = []

    init(_ plan: RolloutPlan, at time: Date = Date(timeIntervalSinceReferenceDate: 700_000_000)) throws {
        state = try RolloutEngine.start(plan: plan, at: time)
        now = time
    }

    @discardableResult
    mutating func send(_ input: EngineInput, after seconds: Double = 0) -> StepOutput {
        now = now.addingTimeInterval(seconds)
        let output = RolloutEngine.advance(&state, input: input, at: now)
        last = output
        outputs.append(output)
        return output
    }

    @discardableResult
    mutating func healthy(_ version: String, _ count: Int, after seconds: Double = 0) -> StepOutput {
        send(.fleetHealth(FleetHealth(version: version, desired: count, running: count, healthy: count)), after: seconds)
    }

    @discardableResult
    mutating func command(_ kind: RolloutCommand.Kind, key: String, actor: String = "ana", reason: String? = nil) -> StepOutput {
        send(.command(RolloutCommand(kind: kind, actor: actor, reason: reason, idempotencyKey: key)))
    }

    /// Equal metric windows for both versions, `count` times, `every` seconds apart.
    mutating func metrics(canary: String = "v2", stable: String = "v1", errorRate: (canary: Double, stable: Double), count: Int, every: Double = 10) {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<count {
            now = now.addingTimeInterval(every)
            for (version, rate) in [(stable, errorRate.stable), (canary, errorRate.canary)] {
                let requests = 5_000
                let errors = Int(Double(requests) * rate)
                let window = MetricWindow(
                    version: version, start: now.addingTimeInterval(-every), end: now, requests: requests, errors: errors,
                    p99Milliseconds: 120,
                    samples: ["error_rate": [rate * (1 + 0.1 * random.normal())], "latency_ms": (0..<5).map { _ in 80 + 5 * random.normal() }]
                )
                last = RolloutEngine.advance(&state, input: .metrics(window), at: now)
                outputs.append(last!)
            }
        }
    }
}

extension RolloutPlan {
    static func canary(steps: [Int] = [5, 25, 50, 100], bake: Double = 300, desired: Int = 4) -> RolloutPlan {
        RolloutPlan(
            id: "checkout-42", service: "checkout", fromVersion: "v1", toVersion: "v2",
            strategy: .canary(CanaryParameters(steps: steps, bake: bake)), fleet: FleetSpec(desiredCount: desired)
        )
    }
}
