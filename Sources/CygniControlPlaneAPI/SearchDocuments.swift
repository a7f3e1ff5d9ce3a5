import CygniModel

/// `GET /v1/traces/summaries`: traces that started in a window, newest first, as `cx traces`
/// lists them.
public struct TraceSummaryPage: Codable, Sendable {
    /// One trace as `cx traces` lists it, its start with milliseconds.
    public struct Entry: Codable, Sendable {
        public var id: String
        public var rootService: String?
        public var start: MillisecondTime?
        public var durationMilliseconds: Double
        public var error: Bool
        public var fault: Bool
        public var httpStatus: Int?

        public init(_ trace: TraceOverview) {
            id = trace.id
            rootService = trace.rootService
            start = trace.start.map(MillisecondTime.init)
            durationMilliseconds = trace.durationMilliseconds
            error = trace.error
            fault = trace.fault
            httpStatus = trace.httpStatus
        }

        public var overview: TraceOverview {
            TraceOverview(
                id: id, rootService: rootService, start: start?.date, durationMilliseconds: durationMilliseconds, error: error, fault: fault,
                httpStatus: httpStatus)
        }
    }

    public var traces: [Entry]
    public var freshness: Freshness

    public init(traces: [TraceOverview], freshness: Freshness) {
        self.traces = traces.map(Entry.init)
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
