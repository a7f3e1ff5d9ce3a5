/// How canaries are judged: the metrics, the statistics' settings and the score thresholds.
public struct AnalysisPolicy: Equatable, Sendable, Codable {
    public var metrics: [MetricSpec]
    /// Weight of each metric group in the score; a group not named weighs 1.
    public var groupWeights: [String: Double]
    /// Confidence of the Mann-Whitney test; a shift is significant when p < 1 - confidence.
    public var confidence: Double
    public var passScore: Double
    public var marginalScore: Double
    /// Fewer datapoints than this on either side makes a metric's result inconclusive.
    public var minimumSamples: Int
    /// Datapoints kept per metric and version for one step; older ones are dropped and counted.
    public var maximumSamples: Int
    /// The version to compare against; the stable version when nil.
    public var baselineVersion: String?
    /// Per-interval threshold checks on the canary, for traffic too low for statistics.
    public var thresholds: ThresholdPolicy?
    /// When windows carry no `error_rate` datapoints, one is made from their summed counts every
    /// this many seconds: one-second windows at low traffic would give datapoints of 0 or 1.
    public var errorRateDatapointSeconds: Double?

    public init(
        metrics: [MetricSpec] = [.errorRate, .latency], groupWeights: [String: Double] = [:], confidence: Double = 0.98,
        passScore: Double = 95, marginalScore: Double = 75, minimumSamples: Int = 50, maximumSamples: Int = 5_000,
        baselineVersion: String? = nil, thresholds: ThresholdPolicy? = ThresholdPolicy(),
        errorRateDatapointSeconds: Double? = 5
    ) {
        self.metrics = metrics
        self.groupWeights = groupWeights
        self.confidence = confidence
        self.passScore = passScore
        self.marginalScore = marginalScore
        self.minimumSamples = minimumSamples
        self.maximumSamples = maximumSamples
        self.baselineVersion = baselineVersion
        self.thresholds = thresholds
        self.errorRateDatapointSeconds = errorRateDatapointSeconds
    }

    func validate() throws(PlanError) {
        guard confidence > 0.5, confidence < 1 else {
            throw PlanError("analysis.confidence", "must be in (0.5, 1), got \(confidence)")
        }
        guard (0...100).contains(marginalScore), (0...100).contains(passScore), marginalScore <= passScore else {
            throw PlanError("analysis.passScore", "needs 0 <= marginal (\(marginalScore)) <= pass (\(passScore)) <= 100")
        }
        guard minimumSamples >= 1 else { throw PlanError("analysis.minimumSamples", "must be at least 1") }
        guard maximumSamples >= minimumSamples else {
            throw PlanError("analysis.maximumSamples", "must be at least minimumSamples (\(minimumSamples))")
        }
        var names = Set<String>()
        for metric in metrics {
            guard !metric.name.isEmpty else { throw PlanError("analysis.metrics", "a metric has no name") }
            guard names.insert(metric.name).inserted else {
                throw PlanError("analysis.metrics", "\(metric.name) is listed twice")
            }
            guard metric.tolerance >= 0 else { throw PlanError("analysis.metrics.\(metric.name).tolerance", "must not be negative") }
        }
        for (group, weight) in groupWeights where !(weight >= 0) {
            throw PlanError("analysis.groupWeights.\(group)", "must not be negative")
        }
        try thresholds?.validate()
        if let seconds = errorRateDatapointSeconds, !(seconds > 0) {
            throw PlanError("analysis.errorRateDatapointSeconds", "must be positive, got \(seconds)")
        }
    }
}

/// Flagger / Argo style checks per interval; `failureLimit` failed checks roll the canary back.
public struct ThresholdPolicy: Equatable, Sendable, Codable {
    public var minimumSuccessRate: Double
    public var maximumP99Milliseconds: Double
    public var interval: Double
    public var failureLimit: Int

    public init(minimumSuccessRate: Double = 0.99, maximumP99Milliseconds: Double = 500, interval: Double = 60, failureLimit: Int = 3) {
        self.minimumSuccessRate = minimumSuccessRate
        self.maximumP99Milliseconds = maximumP99Milliseconds
        self.interval = interval
        self.failureLimit = failureLimit
    }

    func validate() throws(PlanError) {
        guard (0...1).contains(minimumSuccessRate) else {
            throw PlanError("analysis.thresholds.minimumSuccessRate", "must be 0-1, got \(minimumSuccessRate)")
        }
        guard maximumP99Milliseconds > 0 else { throw PlanError("analysis.thresholds.maximumP99Milliseconds", "must be positive") }
        guard interval > 0 else { throw PlanError("analysis.thresholds.interval", "must be positive") }
        guard failureLimit >= 1 else { throw PlanError("analysis.thresholds.failureLimit", "must be at least 1") }
    }
}
