import CygniModel

/// One metric the canary judge compares, and which way of moving counts as worse.
public struct MetricSpec: Equatable, Sendable, Codable {
    /// The direction that fails the canary (the model's, so the console shows it as judged).
    public typealias Direction = MetricEvidence.Direction

    /// What a NaN datapoint means: a gap (remove it) or, for counts, zero (nothing happened).
    public enum MissingValues: String, Equatable, Sendable, Codable {
        case remove, replaceWithZero
    }

    public var name: String
    public var direction: Direction
    /// A critical metric that fails forces the whole judgement to fail.
    public var critical: Bool
    public var group: String
    public var missingValues: MissingValues
    /// A significant shift still passes while |shift| <= tolerance * |baseline median|.
    public var tolerance: Double

    public init(
        name: String, direction: Direction = .increase, critical: Bool = false, group: String = "default",
        missingValues: MissingValues = .remove, tolerance: Double = 0.25
    ) {
        self.name = name
        self.direction = direction
        self.critical = critical
        self.group = group
        self.missingValues = missingValues
        self.tolerance = tolerance
    }

    /// The names the engine reads from `MetricWindow.samples` by default.
    public static let errorRate = MetricSpec(name: "error_rate", critical: true, group: "errors")
    public static let latency = MetricSpec(name: "latency_ms", group: "latency")
}
