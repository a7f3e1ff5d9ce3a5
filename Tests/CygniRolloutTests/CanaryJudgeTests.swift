import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("Canary judge")
struct CanaryJudgeTests {
    let now = Date(timeIntervalSinceReferenceDate: 0)
    let policy = AnalysisPolicy()

    private func series(_ count: Int, median: Double, spread: Double, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in median + spread * random.normal() }
    }

    @Test func identicalSeriesPass() {
        let values = series(100, median: 80, spread: 10, seed: 1)
        let judgement = CanaryJudge.judge(canary: ["error_rate": values, "latency_ms": values], baseline: ["error_rate": values, "latency_ms": values], policy: policy, at: now)
        #expect(judgement.verdict == .pass)
        #expect(judgement.score == 100)
    }

    @Test func oneDistinctValuePasses() {
        let zeros = Array(repeating: 0.0, count: 60)
        let result = CanaryJudge.classify(.errorRate, canary: zeros, baseline: zeros, policy: policy)
        #expect(result.classification == .pass)
    }

    @Test func higherCriticalErrorsFailWithScoreZero() {
        let judgement = CanaryJudge.judge(
            canary: ["error_rate": series(100, median: 0.05, spread: 0.005, seed: 2), "latency_ms": series(100, median: 80, spread: 5, seed: 3)],
            baseline: ["error_rate": series(100, median: 0.001, spread: 0.0005, seed: 4), "latency_ms": series(100, median: 80, spread: 5, seed: 5)],
            policy: policy, at: now
        )
        #expect(judgement.verdict == .fail)
        #expect(judgement.score == 0)
        #expect(judgement.reason.contains("error_rate higher on canary"))
    }

    @Test func directionDecidesWhetherAShiftCounts() {
        let lower = series(100, median: 50, spread: 5, seed: 6)
        let higher = series(100, median: 100, spread: 5, seed: 7)
        let increase = MetricSpec(name: "m", direction: .increase)
        let decrease = MetricSpec(name: "m", direction: .decrease)
        let either = MetricSpec(name: "m", direction: .either)
        #expect(CanaryJudge.classify(increase, canary: lower, baseline: higher, policy: policy).classification == .pass)
        #expect(CanaryJudge.classify(decrease, canary: lower, baseline: higher, policy: policy).classification == .low)
        #expect(CanaryJudge.classify(either, canary: higher, baseline: lower, policy: policy).classification == .high)
    }

    @Test func significantShiftWithinToleranceStillPasses() {
        // 10% slower, very significant with this much data, but inside the 25% tolerance.
        let result = CanaryJudge.classify(
            MetricSpec(name: "latency_ms"),
            canary: series(2_000, median: 88, spread: 2, seed: 8), baseline: series(2_000, median: 80, spread: 2, seed: 9), policy: policy
        )
        #expect((result.pValue ?? 1) < 0.001)
        #expect(result.classification == .pass)
    }

    @Test func rankShiftWithoutAMeanShiftPasses() {
        // Same mean, different shape: most canary datapoints are lower, a few much higher.
        var random = SeededGenerator(seed: 16)
        let baseline = (0..<100).map { _ in 1 + 0.01 * random.normal() }
        let canary = (0..<100).map { $0 % 5 == 0 ? 3.0 : 0.5 }
        let result = CanaryJudge.classify(MetricSpec(name: "m", direction: .either), canary: canary, baseline: baseline, policy: policy)
        #expect((result.pValue ?? 1) < 0.001)
        #expect(abs(result.shift ?? 0) > 0.25)
        #expect(abs(result.meanShift ?? 1) < 0.01)
        #expect(result.classification == .pass)
    }

    @Test func nanIsRemovedOrReplaced() {
        let withGaps = [Double.nan] + Array(repeating: 1.0, count: 60)
        #expect(CanaryJudge.cleaned(withGaps, .remove).count == 60)
        #expect(CanaryJudge.cleaned(withGaps, .replaceWithZero).first == 0)
    }

    @Test func halfTheMetricsWithoutDataFail() {
        let values = series(60, median: 1, spread: 0.1, seed: 10)
        let judgement = CanaryJudge.judge(canary: ["error_rate": values], baseline: ["error_rate": values], policy: policy, at: now)
        #expect(judgement.verdict == .fail)
        #expect(judgement.reason.contains("no data for 1 of 2 metrics (latency_ms)"))
    }

    @Test func tooFewDatapointsIsInconclusiveAndSaysSo() {
        let few = series(10, median: 1, spread: 0.1, seed: 11)
        let judgement = CanaryJudge.judge(canary: ["error_rate": few, "latency_ms": few], baseline: ["error_rate": few, "latency_ms": few], policy: policy, at: now)
        #expect(judgement.verdict == .inconclusive)
        #expect(judgement.reason.contains("need 50"))
    }

    @Test func nonCriticalFailureGivesAWeightedScore() {
        var weighted = policy
        weighted.metrics = [MetricSpec(name: "a", group: "g1"), MetricSpec(name: "b", group: "g1"), MetricSpec(name: "c", group: "g2")]
        weighted.groupWeights = ["g1": 3, "g2": 1]
        let same = series(100, median: 10, spread: 1, seed: 12)
        let worse = series(100, median: 30, spread: 1, seed: 13)
        let judgement = CanaryJudge.judge(canary: ["a": worse, "b": same, "c": same], baseline: ["a": same, "b": same, "c": same], policy: weighted, at: now)
        // g1: 1 of 2 pass = 50, g2: 100; (3 * 50 + 100) / 4 = 62.5.
        #expect(judgement.score == 62.5)
        #expect(judgement.verdict == .fail)
    }

    @Test func marginalBetweenThresholds() {
        var four = policy
        four.metrics = (1...5).map { MetricSpec(name: "m\($0)") }
        let same = series(100, median: 10, spread: 1, seed: 14)
        let worse = series(100, median: 30, spread: 1, seed: 15)
        var canary = Dictionary(uniqueKeysWithValues: four.metrics.map { ($0.name, same) })
        canary["m1"] = worse
        let judgement = CanaryJudge.judge(canary: canary, baseline: Dictionary(uniqueKeysWithValues: four.metrics.map { ($0.name, same) }), policy: four, at: now)
        #expect(judgement.score == 80)
        #expect(judgement.verdict == .marginal)
    }

    @Test(arguments: 1...20)
    func judgementsAreDeterministicAndOrderIndependent(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let canary = (0..<80).map { _ in random.normal() + 0.3 }
        let baseline = (0..<80).map { _ in random.normal() }
        var shuffler = SeededGenerator(seed: UInt64(seed) + 1_000)
        let first = CanaryJudge.judge(canary: ["error_rate": canary, "latency_ms": baseline], baseline: ["error_rate": baseline, "latency_ms": canary], policy: policy, at: now)
        let again = CanaryJudge.judge(canary: ["error_rate": canary.shuffled(using: &shuffler), "latency_ms": baseline.shuffled(using: &shuffler)], baseline: ["error_rate": baseline.shuffled(using: &shuffler), "latency_ms": canary], policy: policy, at: now)
        #expect(first == again)
    }
}
