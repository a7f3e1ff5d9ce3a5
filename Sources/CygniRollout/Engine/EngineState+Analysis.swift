import CygniModel
import Foundation

/// The analysis as the console and the API show it, read from the state the engine decided
/// with: the judgements it made, the datapoints it judged, its threshold checks and burn.
/// Nothing is judged again here; the only arithmetic is on counts the engine kept.
extension EngineState {
    public var analysis: RolloutAnalysis {
        let policy = plan.analysis
        let kept = judgements.newest
        let older = kept.dropLast().reversed().prefix(RolloutAnalysis.historyListed)
        return RolloutAnalysis(
            step: stepIndex, stepCount: steps.count, passScore: policy.passScore, marginalScore: policy.marginalScore,
            significanceLevel: 1 - policy.confidence, minimumSamples: policy.minimumSamples,
            latest: kept.last.map(evidence(of:)), baking: bakingSeries, thresholds: thresholdEvidence, burn: burnEvidence,
            history: older.map(summary(of:)),
            droppedJudgements: judgements.droppedCount + max(0, kept.count - 1 - older.count))
    }

    private func evidence(of judgement: Judgement) -> JudgementEvidence {
        let specs = Dictionary(plan.analysis.metrics.map { ($0.name, $0) }) { first, _ in first }
        let datapoints = judgedDatapoints ?? PerSide(both: [:])
        let metrics = judgement.metrics.map { result in
            let spec = specs[result.name] ?? MetricSpec(name: result.name)
            return MetricEvidence(
                name: result.name, group: result.group, critical: result.critical, direction: spec.direction,
                classification: result.classification, test: result.pValue == nil ? nil : "mann-whitney", pValue: result.pValue,
                shift: result.shift, shiftTolerance: result.shiftTolerance, meanShift: result.meanShift,
                meanTolerance: result.meanTolerance, tolerance: spec.tolerance, baselineMedian: result.baselineMedian,
                canary: Datapoints(count: result.canaryCount, recent: datapoints.canary[result.name] ?? []),
                baseline: Datapoints(count: result.baselineCount, recent: datapoints.stable[result.name] ?? []))
        }
        return JudgementEvidence(
            step: judgement.step, time: judgement.time, score: judgement.score, verdict: judgement.verdict,
            reason: judgement.reason, metrics: metrics)
    }

    private func summary(of judgement: Judgement) -> JudgementSummary {
        JudgementSummary(
            step: judgement.step, time: judgement.time, score: judgement.score, verdict: judgement.verdict, reason: judgement.reason,
            metrics: judgement.metrics.map { JudgementSummary.Metric(name: $0.name, classification: $0.classification, pValue: $0.pValue) })
    }

    /// The step baking now: it is judged when its bake ends, so what it gathered is not judged yet.
    private var bakingSeries: [MetricDatapoints] {
        guard phase == .baking else { return [] }
        let policy = plan.analysis
        let recent = RolloutAnalysis.recentDatapoints
        let canary = evidence.datapoints(.canary, metrics: policy.metrics, limit: policy.maximumSamples, recent: recent)
        let baseline = evidence.datapoints(.stable, metrics: policy.metrics, limit: policy.maximumSamples, recent: recent)
        guard canary.contains(where: { $0.count > 0 }) || baseline.contains(where: { $0.count > 0 }) else { return [] }
        return policy.metrics.indices.map { MetricDatapoints(name: policy.metrics[$0].name, canary: canary[$0], baseline: baseline[$0]) }
    }

    private var thresholdEvidence: ThresholdEvidence? {
        guard let policy = plan.analysis.thresholds else { return nil }
        let check = lastThresholdCheck.map { interval in
            ThresholdEvidence.Check(
                start: Date(timeIntervalSinceReferenceDate: interval.start), requests: interval.requests, errors: interval.errors,
                successRate: interval.requests > 0 ? 1 - Double(interval.errors) / Double(interval.requests) : nil,
                worstP99Milliseconds: interval.worstP99, failure: interval.failure(against: policy))
        }
        return ThresholdEvidence(
            intervalSeconds: policy.interval, minimumSuccessRate: policy.minimumSuccessRate,
            maximumP99Milliseconds: policy.maximumP99Milliseconds, failures: failedChecks, failureLimit: policy.failureLimit,
            lastCheck: check)
    }

    private var burnEvidence: [BurnEvidence] {
        burn.service.indices.map { index in
            let tracker = burn.service[index]
            let pairs = zip(tracker.burnRates, tracker.pairsFiring).map { rate, firing in
                let pinned = rate.severity == .page
                return BurnEvidence.Pair(
                    rate: rate, firing: firing,
                    canaryAlone: pinned ? burn.sideBurn(.canary, slo: index, pair: rate.windows) : nil,
                    stableAlone: pinned ? burn.sideBurn(.stable, slo: index, pair: rate.windows) : nil)
            }
            return BurnEvidence(slo: tracker.policy.name, objective: tracker.policy.objective, pairs: pairs, lowTraffic: tracker.lowTraffic)
        }
    }
}
