import CygniModel
import Foundation

/// Kayenta's judge: each metric is compared with Mann-Whitney and Hodges-Lehmann, the results
/// are scored per group, and the score becomes a verdict.
public enum CanaryJudge {
    /// Judges the canary's datapoints against the baseline's, metric by metric as the policy lists them.
    public static func judge(
        canary: [String: [Double]], baseline: [String: [Double]], policy: AnalysisPolicy, step: Int = 0, at time: Date
    ) -> Judgement {
        let results = policy.metrics.map { spec in
            classify(spec, canary: canary[spec.name] ?? [], baseline: baseline[spec.name] ?? [], policy: policy)
        }
        return verdict(for: results, policy: policy, step: step, at: time)
    }

    public static func classify(_ spec: MetricSpec, canary: [Double], baseline: [Double], policy: AnalysisPolicy) -> MetricResult {
        let canary = cleaned(canary, spec.missingValues).sorted()
        let baseline = cleaned(baseline, spec.missingValues).sorted()
        var result = MetricResult(
            name: spec.name, classification: .pass, critical: spec.critical, group: spec.group,
            canaryCount: canary.count, baselineCount: baseline.count
        )
        if canary.isEmpty || baseline.isEmpty {
            result.classification = .nodata
            return result
        }
        if canary.count < policy.minimumSamples || baseline.count < policy.minimumSamples {
            result.classification = .insufficient
            return result
        }
        result.baselineMedian = median(sorted: baseline)
        // Identical series, or one value throughout: nothing to test, and nothing moved.
        if canary == baseline || (canary.first == canary.last && baseline.first == baseline.last && canary.first == baseline.first) {
            result.shift = 0
            return result
        }
        let test = MannWhitney.test(sortedX: canary, sortedY: baseline)
        let shift = HodgesLehmann.estimate(sortedX: canary, sortedY: baseline)
        result.pValue = test.pValue
        result.shift = shift
        let significant = test.pValue < 1 - policy.confidence
        // A shift exactly at the tolerance is inside it, whatever the last bit of rounding says.
        let slack = 1 + 1e-9
        let shiftTolerance = spec.tolerance * abs(result.baselineMedian ?? 0)
        let beyondTolerance = abs(shift) > shiftTolerance * slack
        // Effect size, as Kayenta checks it: the means must move the same way beyond the same
        // tolerance. Datapoints from sides with different traffic differ in spread, and with few
        // events per datapoint that alone can make the ranks differ while the means agree.
        let meanShift = mean(canary) - mean(baseline)
        let meanTolerance = spec.tolerance * abs(mean(baseline))
        let meansAgree = meanShift * shift > 0 && abs(meanShift) > meanTolerance * slack
        result.meanShift = meanShift
        // Kept with the result, so what is shown is what the shifts were held to.
        result.shiftTolerance = shiftTolerance
        result.meanTolerance = meanTolerance
        guard significant, beyondTolerance, meansAgree else { return result }
        switch (shift > 0, spec.direction) {
        case (true, .increase), (true, .either): result.classification = .high
        case (false, .decrease), (false, .either): result.classification = .low
        default: break
        }
        return result
    }

    static func verdict(for results: [MetricResult], policy: AnalysisPolicy, step: Int, at time: Date) -> Judgement {
        func judgement(_ score: Double?, _ verdict: Verdict, _ reason: String) -> Judgement {
            Judgement(time: time, step: step, score: score, verdict: verdict, metrics: results, reason: reason)
        }
        let noData = results.filter { $0.classification == .nodata }
        if !results.isEmpty, noData.count * 2 >= results.count {
            return judgement(0, .fail, "no data for \(noData.count) of \(results.count) metrics (\(names(noData)))")
        }
        let failed = results.filter(\.failed)
        if let critical = failed.first(where: \.critical) {
            return judgement(0, .fail, "critical metric \(describe(critical))")
        }
        let score = weightedScore(results, policy: policy)
        let insufficient = results.filter { $0.classification == .insufficient }
        if let score, score < policy.marginalScore {
            return judgement(score, .fail, "score \(format(score)) < \(format(policy.marginalScore)): \(failed.map(describe).joined(separator: "; "))")
        }
        if !insufficient.isEmpty || score == nil {
            let counts = insufficient.map { "\($0.name) canary \($0.canaryCount)/baseline \($0.baselineCount)" }
            return judgement(score, .inconclusive, "too few datapoints to judge (need \(policy.minimumSamples)): \(counts.joined(separator: ", "))")
        }
        let scored = score ?? 0
        if scored >= policy.passScore {
            return judgement(scored, .pass, "score \(format(scored)): \(results.count - noData.count) metrics compared, none worse")
        }
        return judgement(scored, .marginal, "score \(format(scored)): \(failed.map(describe).joined(separator: "; "))")
    }

    /// Pass / (pass + high + low) * 100 per group, weighted across groups that had a scored metric.
    static func weightedScore(_ results: [MetricResult], policy: AnalysisPolicy) -> Double? {
        var groups: [String: (passed: Int, scored: Int)] = [:]
        for result in results where result.classification != .nodata && result.classification != .insufficient {
            groups[result.group, default: (0, 0)].scored += 1
            if result.classification == .pass { groups[result.group, default: (0, 0)].passed += 1 }
        }
        var weighted = 0.0, weights = 0.0
        // In name order: a float sum in dictionary order could differ by an ulp between runs.
        for (group, tally) in groups.sorted(by: { $0.key < $1.key }) {
            let weight = policy.groupWeights[group] ?? 1
            weighted += weight * Double(tally.passed) / Double(tally.scored) * 100
            weights += weight
        }
        return weights > 0 ? weighted / weights : nil
    }

    static func cleaned(_ values: [Double], _ missing: MetricSpec.MissingValues) -> [Double] {
        switch missing {
        case .remove: return values.filter { !$0.isNaN }
        case .replaceWithZero: return values.map { $0.isNaN ? 0 : $0 }
        }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func median(sorted values: [Double]) -> Double {
        let middle = values.count / 2
        return values.count.isMultiple(of: 2) ? (values[middle - 1] + values[middle]) / 2 : values[middle]
    }

    private static func describe(_ result: MetricResult) -> String {
        let side = result.classification == .high ? "higher" : "lower"
        let shift = result.shift.map { ($0 >= 0 ? "+" : "") + format($0) } ?? "?"
        let p = result.pValue.map { String(format: "%.2g", $0) } ?? "?"
        let baseline = result.baselineMedian.map(format) ?? "?"
        return "\(result.name) \(side) on canary (shift \(shift) vs baseline median \(baseline), p=\(p))"
    }

    private static func names(_ results: [MetricResult]) -> String {
        results.map(\.name).joined(separator: ", ")
    }

    static func format(_ value: Double) -> String {
        abs(value) >= 100 || value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }
}
