import CygniModel
import Foundation

/// A log line as the API writes it: what the model holds, with ids as strings. Kept apart from
/// `LogEvent` so the model can grow (parsed fields) without changing the wire unannounced.
public struct LogEventDocument: Codable, Sendable {
    public var timestamp: MillisecondTime
    public var group: String
    public var stream: String
    public var service: String
    public var level: LogLevel?
    /// As the service wrote it: untrusted, sanitize before display.
    public var message: String
    /// X-Ray form.
    public var traceId: String?
    public var spanId: String?
    /// A structured line's other fields, bounded as the model bounds them (again on decoding).
    public var fields: LogFields?

    public init(_ event: LogEvent) {
        timestamp = MillisecondTime(event.timestamp)
        group = event.group
        stream = event.stream
        service = event.service
        level = event.level
        message = event.message
        traceId = event.traceID?.xray
        spanId = event.spanID?.hex
        fields = event.fields
    }

    /// The model's event; an id that is not one is dropped (the line still reads).
    public var event: LogEvent {
        LogEvent(
            timestamp: timestamp.date, group: group, stream: stream, service: service, level: level, message: message,
            traceID: traceId.flatMap { TraceID($0) }, spanID: spanId.flatMap { SpanID($0) }, fields: fields)
    }
}

/// `GET /v1/logs`: recent log lines in time order, at most `LogPage.limit` (the newest).
public struct LogPage: Codable, Sendable {
    /// The Logs pane's own cap.
    public static let limit = 2_000

    public var events: [LogEventDocument]
    /// True when older lines after `since` were left out to keep to the limit.
    public var truncated: Bool
    public var freshness: Freshness

    public init(events: [LogEventDocument], truncated: Bool, freshness: Freshness) {
        self.events = events
        self.truncated = truncated
        self.freshness = freshness
    }
}

/// `GET /v1/logs?trace=ID`: the lines of one trace, as `cx logs --trace` and the Logs pane find
/// them, with the groups searched and whether the search stopped at its limit.
public struct TraceLogPage: Codable, Sendable {
    public var events: [LogEventDocument]
    public var reachedLimit: Bool
    public var groups: [String]
    public var notes: [String]
    public var freshness: Freshness

    public init(_ search: TraceLogSearch, freshness: Freshness) {
        events = search.events.map(LogEventDocument.init)
        reachedLimit = search.reachedLimit
        groups = search.groups
        notes = search.notes
        self.freshness = freshness
    }

    public var search: TraceLogSearch {
        TraceLogSearch(events: events.map(\.event), reachedLimit: reachedLimit, groups: groups, notes: notes)
    }
}
