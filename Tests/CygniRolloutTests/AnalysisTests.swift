import CygniModel
import Foundation
import Testing

@testable import CygniRollout

/// The analysis the console and the API show is the engine's own record: the same judgement,
/// the same numbers, the datapoints it judged, its threshold checks and burn.
struct AnalysisTests {
    /// A canary plan the judge alone decides (no per-interval thresholds).
    static var judgeOnly: RolloutPlan {
        var plan = RolloutPlan.canary()
        plan.analysis.thresholds = nil
        return plan
    }

    /// The first step's fleet healthy and baked with the stable side at 0.1% errors and the
    /// canary at `canaryErrorRate`, so the judge has judged it.
    static func judgedFirstStep(_ plan: RolloutPlan, canaryErrorRate: Double) throws -> Driver {
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (canaryErrorRate, 0.001), count: 61, every: 5)
        return driver
    }

    @Test func aFailedJudgementIsShownWithTheNumbersItWasDecidedWith() throws {
        let plan = Self.judgeOnly
        let driver = try Self.judgedFirstStep(plan, canaryErrorRate: 0.01)
        #expect(driver.state.phase == .rolledBack)

        let judgement = try #require(driver.state.judgements.newest.last)
        let analysis = driver.state.analysis
        let latest = try #require(analysis.latest)
        #expect(latest.verdict == judgement.verdict && latest.verdict == .fail)
        #expect(latest.score == judgement.score)
        #expect(latest.reason == judgement.reason)
        #expect(latest.step == judgement.step && latest.time == judgement.time)
        #expect(latest.metrics.map(\.name) == judgement.metrics.map(\.name))
        for (shown, judged) in zip(latest.metrics, judgement.metrics) {
            #expect(shown.classification == judged.classification)
            #expect(shown.pValue == judged.pValue)
            #expect(shown.shift == judged.shift && shown.meanShift == judged.meanShift)
            #expect(shown.shiftTolerance == judged.shiftTolerance && shown.meanTolerance == judged.meanTolerance)
            #expect(shown.canary.count == judged.canaryCount && shown.baseline.count == judged.baselineCount)
            #expect(shown.canary.recent.count <= RolloutAnalysis.recentDatapoints)
        }
        let errorRate = try #require(latest.metrics.first { $0.name == "error_rate" })
        #expect(errorRate.classification == .high && errorRate.critical && errorRate.direction == .increase)
        #expect(errorRate.test == "mann-whitney")
        #expect(errorRate.canary.recent.allSatisfy { abs($0 - 0.01) < 0.005 }, "the canary's own datapoints: \(errorRate.canary.recent)")
        #expect(errorRate.baseline.recent.allSatisfy { $0 < 0.005 })
        // The tolerance the shift was held to is the judge's: tolerance x |baseline median|.
        #expect(errorRate.shiftTolerance == errorRate.tolerance * abs(errorRate.baselineMedian ?? .nan))
        #expect(analysis.passScore == plan.analysis.passScore && analysis.marginalScore == plan.analysis.marginalScore)
        #expect(abs(analysis.significanceLevel - (1 - plan.analysis.confidence)) < 1e-12)
        #expect(analysis.baking.isEmpty, "a rollback bakes nothing")
        #expect(analysis.history.isEmpty)
        #expect(analysis.burn.map(\.slo) == plan.slos.map(\.name))
        #expect(analysis.burn.allSatisfy { $0.pairs.map(\.rate.windows) == BurnRate.standardPairs.map(\.windows) })
        #expect(driver.state.rollout.analysis == analysis)
    }

    @Test func aStepBakingShowsItsDatapointsBesideTheLastJudgement() throws {
        var driver = try Self.judgedFirstStep(Self.judgeOnly, canaryErrorRate: 0.001)
        #expect(driver.state.verdict == .pass)
        #expect(driver.state.analysis.latest?.verdict == .pass)
        #expect(driver.state.analysis.history.isEmpty)

        // The next step's fleet grows and bakes; what it gathers is shown, not judged.
        driver.healthy("v2", driver.state.steps[driver.state.stepIndex].canaryTasks, after: 1)
        driver.metrics(errorRate: (0.001, 0.001), count: 10, every: 5)
        let baking = driver.state.analysis
        #expect(driver.state.phase == .baking)
        #expect(baking.step == 1)
        #expect(baking.latest?.step == 0, "the newest judgement is still the first step's")
        let errorRate = try #require(baking.baking.first { $0.name == "error_rate" })
        #expect(errorRate.canary.count > 0 && errorRate.baseline.count > 0)
    }

    @Test func thresholdChecksShowTheirLimitsTheLastIntervalAndTheFailuresSoFar() throws {
        var plan = RolloutPlan.canary()
        plan.rollBackOnBurn = false
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.05, 0.001), count: 12, every: 10)
        let thresholds = try #require(driver.state.analysis.thresholds)
        #expect(thresholds.failures == 2 && thresholds.failureLimit == 3, "\(thresholds)")
        #expect(thresholds.minimumSuccessRate == 0.99 && thresholds.intervalSeconds == 60)
        let check = try #require(thresholds.lastCheck)
        #expect(check.failure?.hasPrefix("success rate 95.0% < 99.0%") == true, "\(check)")
        #expect(abs((check.successRate ?? 0) - 0.95) < 1e-9)
    }
}
