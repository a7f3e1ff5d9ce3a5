import CygniModel
import Foundation

/// Rollouts that ended before the world began, so the console has history in every scenario.
enum FinishedRollouts {
    /// Why a rollout from before the world began has no analysis.
    static let unjudged = "ended before the sandbox began: its judgements were not kept"

    static func make(start: Date, deploymentIndex: (String, String) -> Int, rng: inout SeededGenerator) -> [RolloutRecord] {
        [catalogBlueGreen(start: start, index: deploymentIndex("catalog", "us-east-1"), rng: &rng),
         paymentsCanary(start: start, index: deploymentIndex("payments", "eu-west-1"), rng: &rng)]
    }

    private static func record(
        service: String, region: String, strategy: Strategy, from: String, to: String, steps: [Int], began: Date,
        index: Int, fleet: Int, rng: inout SeededGenerator
    ) -> RolloutRecord {
        let rollout = Rollout(
            id: "rl-\(rng.shortID())", service: service, environment: ServiceSpec.environment, region: region,
            strategy: strategy, phase: .pending, fromVersion: from, toVersion: to, traffic: .allStable, step: 0,
            steps: steps, startedAt: began, updatedAt: began,
            analysisNote: unjudged)
        var record = RolloutRecord(rollout: rollout, deploymentIndex: index, fullFleet: fleet)
        record.enter(.pending, at: began, message: "rollout of \(to) created", actor: "operator:deploy-bot")
        return record
    }

    /// catalog in us-east-1, blue-green v3.8.0 -> v3.9.1, promoted a few hours ago.
    private static func catalogBlueGreen(start: Date, index: Int, rng: inout SeededGenerator) -> RolloutRecord {
        let began = start.addingTimeInterval(-9_900)
        func at(_ seconds: Double) -> Date { began.addingTimeInterval(seconds) }
        var record = record(
            service: "catalog", region: "us-east-1", strategy: .blueGreen, from: "v3.8.0", to: "v3.9.1",
            steps: [100], began: began, index: index, fleet: 4, rng: &rng)
        record.enter(.provisioning, at: at(30), message: "provisioning 4 tasks of v3.9.1")
        record.note(.healthGate, .ok, "health gate passed: 4/4 tasks of v3.9.1 healthy", at: at(61))
        record.enter(.shifting, at: at(61), message: "step 1/1: shifting to 100% (4 tasks)")
        record.shiftTraffic(toCanary: 100, at: at(66))
        record.note(.info, .info, "traffic: blue 0% / green 100%", at: at(66))
        record.enter(.baking, at: at(66), message: "baking 5m 00s at 100%")
        record.rollout.verdict = .pass
        record.note(
            .analysis, .ok,
            "analysis at step 1 (100%): pass: 5xx 0.01% on the new version; p99 94 ms (thresholds: 5xx ≤ 1%, p99 ≤ 500 ms)",
            at: at(366))
        record.enter(.promoting, at: at(366), message: "promoting v3.9.1; draining v3.8.0")
        record.enter(.succeeded, at: at(396), message: "v3.9.1 promoted; v3.8.0 drained and stopped")
        return record
    }

    /// payments in eu-west-1, a canary v2.14.0 -> v2.15.0 that analysis failed yesterday.
    private static func paymentsCanary(start: Date, index: Int, rng: inout SeededGenerator) -> RolloutRecord {
        let began = start.addingTimeInterval(-93_600)
        func at(_ seconds: Double) -> Date { began.addingTimeInterval(seconds) }
        var record = record(
            service: "payments", region: "eu-west-1", strategy: .canary, from: "v2.14.0", to: "v2.15.0",
            steps: StarRelease.canarySteps, began: began, index: index, fleet: 3, rng: &rng)
        record.enter(.provisioning, at: at(30), message: "provisioning 2 tasks of v2.15.0")
        record.note(.healthGate, .ok, "health gate passed: 2/2 tasks of v2.15.0 healthy", at: at(57))
        record.enter(.shifting, at: at(57), message: "step 1/4: shifting to 5% (2 tasks)")
        record.shiftTraffic(toCanary: 5, at: at(62))
        record.note(.info, .info, "traffic: stable 95% / canary 5%", at: at(62))
        record.enter(.baking, at: at(62), message: "baking 5m 00s at 5%")
        record.rollout.verdict = .pass
        record.note(
            .analysis, .ok, "analysis at step 1 (5%): pass: 5xx 0.0% on the new version vs 0.02% on stable; p99 141 ms vs 139 ms",
            at: at(302))
        record.rollout.step = 1
        record.enter(.shifting, at: at(302), message: "step 2/4: shifting to 25% (2 tasks)")
        record.shiftTraffic(toCanary: 25, at: at(307))
        record.note(.info, .info, "traffic: stable 75% / canary 25%", at: at(307))
        record.enter(.baking, at: at(307), message: "baking 5m 00s at 25%")
        let summary = "5xx 2.4% on the new version vs 0.02% on stable; p99 146 ms vs 139 ms"
        record.rollout.verdict = .fail
        record.note(.analysis, .error, "analysis at step 2 (25%): fail: \(summary)", at: at(547))
        let reason = "analysis failed at step 2 (25%): \(summary)"
        record.rollout.reason = reason
        record.shiftTraffic(toCanary: 0, at: at(547))
        record.note(.automaticAction, .error, "automatic rollback: \(reason)", at: at(547))
        record.enter(.rollingBack, at: at(547), message: "rolling back: traffic stable 100% (v2.14.0); draining v2.15.0")
        record.enter(.rolledBack, at: at(577), message: "v2.15.0 drained and stopped; v2.14.0 serves 100%")
        record.stableDesired = 3
        return record
    }
}
