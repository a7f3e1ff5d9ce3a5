import Foundation

/// The evidence behind a rollout's verdicts, as the engine that judged it kept it: the newest
/// judgement in full (every number the judge decided with), the datapoints of a step still
/// baking, the threshold checks, the SLO burn, and the older judgements. Only an engine that
/// judges the rollout has one; a rollout without says why in `Rollout.analysisNote`.
public struct RolloutAnalysis: Equatable, Sendable, Codable {
    /// The step in progress (0-based, as `Rollout.step`) and the plan's step count.
    public var step: Int
    public var stepCount: Int
    /// Score at or above which a judgement passes; below `marginalScore` it fails.
    public var passScore: Double
    public var marginalScore: Double
    /// A shift is significant when the test's p-value is below this (1 - the policy's confidence).
    public var significanceLevel: Double
    /// Fewer datapoints than this on either side leave a metric inconclusive.
    public var minimumSamples: Int
    /// The newest judgement; nil before the first.
    public var latest: JudgementEvidence?
    /// The datapoints gathered so far for a step that bakes and is not judged yet; empty otherwise.
    public var baking: [MetricDatapoints]
    /// Per-interval checks on the canary; nil when the plan has none.
    public var thresholds: ThresholdEvidence?
    /// The service's SLO burn as the engine watches it, one entry per SLO.
    public var burn: [BurnEvidence]
    /// The judgements before `latest`, newest first.
    public var history: [JudgementSummary]
    /// Older judgements the engine no longer keeps.
    public var droppedJudgements: Int

    public init(
        step: Int, stepCount: Int, passScore: Double, marginalScore: Double, significanceLevel: Double, minimumSamples: Int,
        latest: JudgementEvidence?, baking: [MetricDatapoints], thresholds: ThresholdEvidence?, burn: [BurnEvidence],
        history: [JudgementSummary], droppedJudgements: Int
    ) {
        self.step = step
        self.stepCount = stepCount
        self.passScore = passScore
        self.marginalScore = marginalScore
        self.significanceLevel = significanceLevel
        self.minimumSamples = minimumSamples
        self.latest = latest
        self.baking = baking
        self.thresholds = thresholds
        self.burn = burn
        self.history = history
        self.droppedJudgements = droppedJudgements
    }

    /// Datapoints kept per metric and side for display: enough for a sparkline.
    public static let recentDatapoints = 30
    /// Older judgements listed.
    public static let historyListed = 20
}

/// One judgement of the canary against its baseline, with every number behind it.
public struct JudgementEvidence: Equatable, Sendable, Codable {
    public var step: Int
    public var time: Date
    /// 0-100; nil when no metric could be scored.
    public var score: Double?
    public var verdict: Verdict
    public var reason: String
    public var metrics: [MetricEvidence]

    public init(step: Int, time: Date, score: Double?, verdict: Verdict, reason: String, metrics: [MetricEvidence]) {
        self.step = step
        self.time = time
        self.score = score
        self.verdict = verdict
        self.reason = reason
        self.metrics = metrics
    }
}

/// An older judgement in one line per metric: what it decided and which metrics it held against the canary.
public struct JudgementSummary: Equatable, Sendable, Codable {
    public struct Metric: Equatable, Sendable, Codable {
        public var name: String
        public var classification: MetricEvidence.Classification
        public var pValue: Double?

        public init(name: String, classification: MetricEvidence.Classification, pValue: Double?) {
            self.name = name
            self.classification = classification
            self.pValue = pValue
        }
    }

    public var step: Int
    public var time: Date
    public var score: Double?
    public var verdict: Verdict
    public var reason: String
    public var metrics: [Metric]

    public init(step: Int, time: Date, score: Double?, verdict: Verdict, reason: String, metrics: [Metric]) {
        self.step = step
        self.time = time
        self.score = score
        self.verdict = verdict
        self.reason = reason
        self.metrics = metrics
    }
}
