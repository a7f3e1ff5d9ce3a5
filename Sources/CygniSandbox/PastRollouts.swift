import CygniModel
import Foundation

/// Canaries that ended in the days before the world began, beyond the scenario's own history:
/// long lists for benchmarks and paging (`cygnid serve --sandbox --past-rollouts N`). They
/// draw from a random stream of their own and touch no fleet, so the rest of the world is the
/// same with or without them.
enum PastRollouts {
    static let maximum = 10_000

    static func make(count: Int, start: Date, deploymentIndex: (String, String) -> Int, seed: UInt64) -> [RolloutRecord] {
        var rng = SeededGenerator(seed: seed, stream: "past-rollouts")
        return (0..<min(count, maximum)).map { index in
            let spec = ServiceSpec.all[index % ServiceSpec.all.count]
            let region = Region.all[(index / ServiceSpec.all.count) % Region.all.count]
            // Newest first, a few hours apart, before the scenario's own finished rollouts.
            let began = start.addingTimeInterval(-100_000 - Double(index) * 10_800 - rng.uniform(0...1_800))
            return canary(
                spec: spec, region: region, from: "v0.\(index).0", to: "v0.\(index + 1).0", began: began,
                rolledBack: index % 7 == 3, index: deploymentIndex(spec.name, region.name), rng: &rng)
        }
    }

    /// A canary through 5, 25, 50 and 100%, promoted; or failed at 25% and rolled back.
    private static func canary(
        spec: ServiceSpec, region: Region, from: String, to: String, began: Date, rolledBack: Bool, index: Int,
        rng: inout SeededGenerator
    ) -> RolloutRecord {
        let steps = StarRelease.canarySteps
        let rollout = Rollout(
            id: "rl-\(rng.shortID())", service: spec.name, environment: ServiceSpec.environment, region: region.name,
            strategy: .canary, phase: .pending, fromVersion: from, toVersion: to, traffic: .allStable, step: 0,
            steps: steps, startedAt: began, updatedAt: began,
            analysisNote: FinishedRollouts.unjudged)
        var record = RolloutRecord(rollout: rollout, deploymentIndex: index, fullFleet: spec.tasksPerRegion)
        var time = began
        func after(_ seconds: Double) -> Date {
            time = time.addingTimeInterval(seconds)
            return time
        }
        record.enter(.pending, at: time, message: "rollout of \(to) created", actor: "operator:deploy-bot")
        record.enter(.provisioning, at: after(30), message: "provisioning 2 tasks of \(to)")
        record.note(.healthGate, .ok, "health gate passed: 2/2 tasks of \(to) healthy", at: after(rng.uniform(20...40)))
        for (step, weight) in steps.enumerated() {
            record.rollout.step = step
            record.enter(.shifting, at: time, message: "step \(step + 1)/\(steps.count): shifting to \(weight)%")
            record.shiftTraffic(toCanary: weight, at: after(5))
            record.enter(.baking, at: time, message: "baking 5m 00s at \(weight)%")
            let failed = rolledBack && weight == 25
            record.rollout.verdict = failed ? .fail : .pass
            let errors = failed ? "2.1%" : "0.0\(rng.integer(1...4))%"
            record.note(
                .analysis, failed ? .error : .ok,
                "analysis at step \(step + 1) (\(weight)%): \(failed ? "fail" : "pass"): 5xx \(errors) on the new version", at: after(300))
            if failed {
                let reason = "analysis failed at step \(step + 1) (\(weight)%): 5xx \(errors) on the new version"
                record.rollout.reason = reason
                record.shiftTraffic(toCanary: 0, at: time)
                record.note(.automaticAction, .error, "automatic rollback: \(reason)", at: time)
                record.enter(.rollingBack, at: time, message: "rolling back: traffic stable 100% (\(from))")
                record.enter(.rolledBack, at: after(30), message: "\(to) drained and stopped; \(from) serves 100%")
                return record
            }
        }
        record.enter(.promoting, at: time, message: "promoting \(to); draining \(from)")
        record.enter(.succeeded, at: after(30), message: "\(to) promoted; \(from) drained and stopped")
        return record
    }
}
