import CygniModel

/// `GET /v1/traces/summaries`: traces that started in a window, newest first, as `cx traces`
/// lists them.
public struct TraceSummaryPage: Codable, Sendable {
    public var traces: [TraceOverview]
    public var freshness: Freshness

    public init(traces: [TraceOverview], freshness: Freshness) {
        self.traces = traces
        self.freshness = freshness
    }
}

/// `GET /v1/doctor`: the checks of cygnid's own source (the sandbox, or the AWS account it drives).
public struct DoctorDocument: Codable, Sendable {
    public var checks: [DoctorCheck]
    public var freshness: Freshness

    public init(checks: [DoctorCheck], freshness: Freshness) {
        self.checks = checks
        self.freshness = freshness
    }
}
