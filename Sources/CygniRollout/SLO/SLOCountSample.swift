import Foundation

/// What the service served over one span before the rollout began (a minute near the start, a
/// whole day further back), so the SLO trackers can judge the budget over the SLO's window rather
/// than over the rollout's first hour. Counts, not ratios, so spans of any length add up; fractional,
/// so a provider whose history covers a wider scope can send its estimated share.
public struct SLOCountSample: Equatable, Sendable, Codable {
    /// The last moment of the span. The counts are filed there: a day stays inside the SLO window
    /// for as long as its last hour does.
    public var time: Date
    public var requests: Double
    /// Server errors (5xx): the availability SLOs' bad events.
    public var errors: Double
    /// Requests slower than the latency SLOs' threshold.
    public var slowRequests: Double

    public init(time: Date, requests: Double, errors: Double, slowRequests: Double) {
        self.time = time
        self.requests = requests
        self.errors = errors
        self.slowRequests = slowRequests
    }
}
