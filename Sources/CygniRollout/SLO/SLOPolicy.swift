import CygniModel

/// An objective for one SLI of the service.
public struct SLOPolicy: Equatable, Sendable, Codable {
    public var name: String
    public var kind: SLOStatus.Kind
    /// For example 0.999.
    public var objective: Double
    public var windowDays: Int
    /// For latency SLOs: a request slower than this is a bad event (the window's `slowRequests`).
    public var latencyThresholdMilliseconds: Double?

    public init(name: String, kind: SLOStatus.Kind, objective: Double, windowDays: Int = 30, latencyThresholdMilliseconds: Double? = nil) {
        self.name = name
        self.kind = kind
        self.objective = objective
        self.windowDays = windowDays
        self.latencyThresholdMilliseconds = latencyThresholdMilliseconds
    }

    public static let defaults = [
        SLOPolicy(name: "availability", kind: .availability, objective: 0.999),
        SLOPolicy(name: "latency", kind: .latency, objective: 0.99, latencyThresholdMilliseconds: 500),
    ]

    /// Bad events of this SLI in one metric window.
    func badEvents(in window: MetricWindow) -> Int {
        kind == .availability ? window.errors : window.slowRequests
    }

    /// Bad events of this SLI in a span of history.
    func badEvents(in sample: SLOCountSample) -> Double {
        kind == .availability ? sample.errors : sample.slowRequests
    }

    func validate(at index: Int) throws(PlanError) {
        guard !name.isEmpty else { throw PlanError("slos[\(index)].name", "must not be empty") }
        guard objective > 0, objective < 1 else {
            throw PlanError("slos[\(index)].objective", "must be in (0, 1), got \(objective)")
        }
        guard (1...90).contains(windowDays) else { throw PlanError("slos[\(index)].windowDays", "must be 1-90, got \(windowDays)") }
        if kind == .latency, !((latencyThresholdMilliseconds ?? 0) > 0) {
            throw PlanError("slos[\(index)].latencyThresholdMilliseconds", "a latency SLO needs a positive threshold")
        }
    }
}
