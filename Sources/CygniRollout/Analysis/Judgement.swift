import CygniModel
import Foundation

/// What the judge made of one metric.
public struct MetricResult: Equatable, Sendable, Codable {
    /// The model's classification, so what the console shows is what the judge decided.
    public typealias Classification = MetricEvidence.Classification

    public var name: String
    public var classification: Classification
    public var critical: Bool
    public var group: String
    /// Hodges-Lehmann estimate of canary minus baseline; nil when not tested.
    public var shift: Double?
    /// Canary mean minus baseline mean, the effect size; nil when not tested.
    public var meanShift: Double?
    public var pValue: Double?
    public var baselineMedian: Double?
    /// What |shift| was held to: tolerance x |baseline median|; nil when not tested.
    public var shiftTolerance: Double?
    /// What |meanShift| was held to: tolerance x |baseline mean|; nil when not tested.
    public var meanTolerance: Double?
    public var canaryCount: Int
    public var baselineCount: Int

    public var failed: Bool { classification.failed }
}

/// One judgement of the canary against its baseline.
public struct Judgement: Equatable, Sendable, Codable {
    public var time: Date
    public var step: Int
    /// 0-100; nil when no metric could be scored.
    public var score: Double?
    public var verdict: Verdict
    public var metrics: [MetricResult]
    /// Why, in words a human can act on.
    public var reason: String
}
