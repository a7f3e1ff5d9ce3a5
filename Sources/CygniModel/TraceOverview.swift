import Foundation

/// One trace as a list of traces shows it: no spans, just what picks it out.
public struct TraceOverview: Equatable, Sendable, Codable {
    /// The trace id in X-Ray form, as the source spells it.
    public var id: String
    public var rootService: String?
    /// Nil when the source does not say: never a made-up date.
    public var start: Date?
    public var durationMilliseconds: Double
    /// A client error (4xx) somewhere in the trace.
    public var error: Bool
    /// A server fault (5xx) somewhere in the trace.
    public var fault: Bool
    public var httpStatus: Int?

    public init(
        id: String, rootService: String?, start: Date?, durationMilliseconds: Double, error: Bool, fault: Bool, httpStatus: Int?
    ) {
        self.id = id
        self.rootService = rootService
        self.start = start
        self.durationMilliseconds = durationMilliseconds
        self.error = error
        self.fault = fault
        self.httpStatus = httpStatus
    }
}
