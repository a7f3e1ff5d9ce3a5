import CygniModel
import Foundation

/// A trace as the API writes it: the model's fields with its ids as strings (the trace id in
/// X-Ray form, span ids as 16 hex digits), so the wire does not follow the model's storage.
public struct TraceDocument: Codable, Sendable {
    public struct SpanDocument: Codable, Sendable {
        public var id: String
        public var parent: String?
        public var service: String
        public var name: String
        public var startOffsetMilliseconds: Double
        public var durationMilliseconds: Double
        public var status: TraceStatus
    }

    public var id: String
    public var rootName: String
    public var service: String
    public var version: String
    public var start: MillisecondTime
    public var durationMilliseconds: Double
    public var status: TraceStatus
    public var httpStatus: Int?
    public var spans: [SpanDocument]

    public init(_ trace: Trace) {
        id = trace.id.xray
        rootName = trace.rootName
        service = trace.service
        version = trace.version
        start = MillisecondTime(trace.start)
        durationMilliseconds = trace.durationMilliseconds
        status = trace.status
        httpStatus = trace.httpStatus
        spans = trace.spans.map {
            SpanDocument(
                id: $0.id.hex, parent: $0.parent?.hex, service: $0.service, name: $0.name,
                startOffsetMilliseconds: $0.startOffsetMilliseconds, durationMilliseconds: $0.durationMilliseconds, status: $0.status)
        }
    }

    /// The model's trace; nil when an id is not one (a document from something that is not cygnid).
    public var trace: Trace? {
        guard let traceID = TraceID(id) else { return nil }
        var modelSpans: [Span] = []
        for span in spans {
            guard let spanID = SpanID(span.id) else { return nil }
            var parentID: SpanID?
            if let parent = span.parent {
                guard let parsed = SpanID(parent) else { return nil }
                parentID = parsed
            }
            modelSpans.append(Span(
                id: spanID, parent: parentID, service: span.service, name: span.name, startOffsetMilliseconds: span.startOffsetMilliseconds,
                durationMilliseconds: span.durationMilliseconds, status: span.status))
        }
        return Trace(
            id: traceID, rootName: rootName, service: service, version: version, start: start.date, durationMilliseconds: durationMilliseconds,
            status: status, httpStatus: httpStatus, spans: modelSpans)
    }
}

/// `GET /v1/traces`: recent traces, oldest first, at most `TracePage.limit` (the newest).
public struct TracePage: Codable, Sendable {
    /// More than a Traces pane holds; few enough that a page stays well under a megabyte.
    public static let limit = 500

    public var traces: [TraceDocument]
    /// True when older traces after `since` were left out to keep to the limit.
    public var truncated: Bool
    public var freshness: Freshness

    public init(traces: [TraceDocument], truncated: Bool, freshness: Freshness) {
        self.traces = traces
        self.truncated = truncated
        self.freshness = freshness
    }
}
