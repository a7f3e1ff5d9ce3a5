import Foundation

public enum TraceStatus: String, Equatable, Sendable, Codable {
    /// Fine.
    case ok
    /// A client error (4xx) somewhere in the trace.
    case error
    /// A server fault (5xx) somewhere in the trace.
    case fault
}

/// One request through the system, with its spans.
public struct Trace: Equatable, Sendable, Codable, Identifiable {
    public var id: TraceID
    public var rootName: String
    public var service: String
    /// The version of the root service that answered, so a trace can be tied to a side of a rollout.
    public var version: String
    public var start: Date
    public var durationMilliseconds: Double
    public var status: TraceStatus
    public var httpStatus: Int?
    public var spans: [Span]

    public init(
        id: TraceID, rootName: String, service: String, version: String, start: Date,
        durationMilliseconds: Double, status: TraceStatus, httpStatus: Int?, spans: [Span]
    ) {
        self.id = id
        self.rootName = rootName
        self.service = service
        self.version = version
        self.start = start
        self.durationMilliseconds = durationMilliseconds
        self.status = status
        self.httpStatus = httpStatus
        self.spans = spans
    }

    public var services: [String] {
        spans.map(\.service).firstOccurrences
    }
}

public struct Span: Equatable, Sendable, Codable, Identifiable {
    public var id: SpanID
    public var parent: SpanID?
    public var service: String
    public var name: String
    /// Offset from the trace start.
    public var startOffsetMilliseconds: Double
    public var durationMilliseconds: Double
    public var status: TraceStatus

    public init(
        id: SpanID, parent: SpanID?, service: String, name: String, startOffsetMilliseconds: Double,
        durationMilliseconds: Double, status: TraceStatus
    ) {
        self.id = id
        self.parent = parent
        self.service = service
        self.name = name
        self.startOffsetMilliseconds = startOffsetMilliseconds
        self.durationMilliseconds = durationMilliseconds
        self.status = status
    }

    /// Depth in the span tree, given all spans of the trace.
    public func depth(in spans: [Span]) -> Int {
        var depth = 0
        var current = parent
        var guardCount = 0
        while let parentID = current, guardCount < spans.count {
            depth += 1
            current = spans.first { $0.id == parentID }?.parent
            guardCount += 1
        }
        return depth
    }
}
