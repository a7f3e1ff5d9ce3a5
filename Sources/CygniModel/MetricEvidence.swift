/// What the judge made of one metric: both sides' datapoints, the Mann-Whitney test, the
/// Hodges-Lehmann and mean shifts with the tolerances they were held to, and the outcome.
public struct MetricEvidence: Equatable, Sendable, Codable {
    public enum Classification: String, Equatable, Sendable, Codable, CaseIterable {
        case pass
        /// The canary is worse upward.
        case high
        /// The canary is worse downward.
        case low
        /// One side had no datapoints.
        case nodata
        /// Some datapoints, fewer than the policy's minimum.
        case insufficient

        public var failed: Bool { self == .high || self == .low }
    }

    /// Which way of moving counts against the canary.
    public enum Direction: String, Equatable, Sendable, Codable, CaseIterable {
        case increase, decrease, either
    }

    public var name: String
    public var group: String
    /// A critical metric that fails fails the whole judgement.
    public var critical: Bool
    public var direction: Direction
    public var classification: Classification
    /// The test the shift was held significant by; nil when the sides were not tested.
    public var test: String?
    public var pValue: Double?
    /// Hodges-Lehmann estimate of canary minus baseline.
    public var shift: Double?
    /// |shift| beyond this is more than the tolerance allows: tolerance x |baseline median|.
    public var shiftTolerance: Double?
    /// Canary mean minus baseline mean, the effect size.
    public var meanShift: Double?
    /// tolerance x |baseline mean|: the means must move beyond this too.
    public var meanTolerance: Double?
    /// The tolerance as a share of the baseline, as the policy sets it.
    public var tolerance: Double
    public var baselineMedian: Double?
    public var canary: Datapoints
    public var baseline: Datapoints

    public init(
        name: String, group: String, critical: Bool, direction: Direction, classification: Classification, test: String?,
        pValue: Double?, shift: Double?, shiftTolerance: Double?, meanShift: Double?, meanTolerance: Double?, tolerance: Double,
        baselineMedian: Double?, canary: Datapoints, baseline: Datapoints
    ) {
        self.name = name
        self.group = group
        self.critical = critical
        self.direction = direction
        self.classification = classification
        self.test = test
        self.pValue = pValue
        self.shift = shift
        self.shiftTolerance = shiftTolerance
        self.meanShift = meanShift
        self.meanTolerance = meanTolerance
        self.tolerance = tolerance
        self.baselineMedian = baselineMedian
        self.canary = canary
        self.baseline = baseline
    }
}

/// One side's datapoints of a metric: how many there were, and the newest of them in time order.
public struct Datapoints: Equatable, Sendable, Codable {
    public var count: Int
    /// At most `RolloutAnalysis.recentDatapoints`, oldest first.
    public var recent: [Double]

    public init(count: Int, recent: [Double]) {
        self.count = count
        self.recent = recent
    }
}

/// The datapoints of one metric gathered so far in a step not judged yet.
public struct MetricDatapoints: Equatable, Sendable, Codable {
    public var name: String
    public var canary: Datapoints
    public var baseline: Datapoints

    public init(name: String, canary: Datapoints, baseline: Datapoints) {
        self.name = name
        self.canary = canary
        self.baseline = baseline
    }
}
