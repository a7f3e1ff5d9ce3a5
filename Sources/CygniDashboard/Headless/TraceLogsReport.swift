import CygniModel
import CygniTerminal
import Foundation

/// `cx logs --trace`, written line by line as it goes: encoding 100,000 events as one document
/// would hold several copies of them at once. JSON: `{"events": [{"timestamp" (epoch ms),
/// "group", "stream", "message", "traceId", "spanId", "level", "fields" (a structured line's
/// other fields, key to text), "fieldsDropped" (how many a limit left out)}], "groups",
/// "traceId", "truncated", "window": {"start", "end" (epoch ms), "reason"}}`, keys sorted as in
/// every other command's JSON.
public struct TraceLogsReport: Sendable {
    public var search: TraceLogSearch
    public var trace: TraceID
    public var span: SpanID?

    public init(_ search: TraceLogSearch, trace: TraceID, span: SpanID? = nil) {
        self.search = search
        self.trace = trace
        self.span = span
    }

    /// One event of the JSON; absent fields are left out.
    private struct Event: Encodable {
        var timestamp: Int64
        var group: String
        var stream: String
        var message: String
        var traceId: String?
        var spanId: String?
        var level: String?
        var fields: [String: String]?
        var fieldsDropped: Int?
    }

    private struct Window: Encodable {
        var start: Int64
        var end: Int64
        var reason: String?
    }

    public func writeJSON(_ write: (String) -> Void) {
        let encoder = JSONOutput.lineEncoder()
        write("{")
        write("  \"events\" : [")
        for (index, event) in search.events.enumerated() {
            let fields = event.fields
            let object = Event(
                timestamp: Self.milliseconds(event.timestamp), group: event.group, stream: event.stream, message: event.message,
                traceId: event.traceID?.xray, spanId: event.spanID?.hex, level: event.level?.rawValue,
                fields: fields.map { Dictionary($0.items.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }) },
                fieldsDropped: fields.flatMap { $0.dropped > 0 ? $0.dropped : nil })
            write("    " + JSONOutput.line(object, encoder: encoder) + (index == search.events.count - 1 ? "" : ","))
        }
        write("  ],")
        write("  \"groups\" : " + JSONOutput.line(search.groups, encoder: encoder) + ",")
        write("  \"traceId\" : \"\(trace.xray)\",")
        write("  \"truncated\" : \(search.reachedLimit),")
        let window = search.window.map {
            Window(start: Self.milliseconds($0.start), end: Self.milliseconds($0.end), reason: search.windowReason)
        }
        write("  \"window\" : " + (window.map { JSONOutput.line($0, encoder: encoder) } ?? "null"))
        write("}")
    }

    /// What to tell a reader when no event carries the trace: the window and the groups
    /// searched, and how to widen each.
    public var nothingFound: String {
        let what = span.map { "span \($0.hex) of trace \(trace.xray)" } ?? "trace \(trace.xray)"
        var text = "no log events carry \(what)"
        if let window = search.window {
            text += " between \(HeadlessOutput.timestamp(window.start)) and \(HeadlessOutput.timestamp(window.end))"
            if let reason = search.windowReason { text += " (\(reason))" }
        }
        text += search.groups.isEmpty ? " in no log group" : " in " + search.groups.joined(separator: ", ")
        text += "; widen the window with --since (e.g. --since 6h) or --start/--end, or search other groups with --log-group NAME"
        return Sanitizer.clean(text)
    }

    /// The table, printed row by row, every cell sanitized; nothing when nothing was found.
    public func writeTable(_ write: (String) -> Void) {
        let events = search.events
        // Nothing found is said on stderr, with the window and groups searched.
        guard !events.isEmpty else { return }
        TextTable.write(rowCount: events.count + 1, row: { index in
            guard index > 0 else { return ["TIME", "GROUP", "STREAM", "LEVEL", "MESSAGE"] }
            let event = events[index - 1]
            return [
                HeadlessOutput.timestamp(event.timestamp), event.group, event.stream, event.level?.rawValue.uppercased() ?? "-", event.message,
            ]
        }, line: write)
    }

    /// Epoch milliseconds; a date no Int64 can hold (from data) becomes 0 rather than a trap.
    private static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        return value.isFinite && abs(value) < 9e18 ? Int64(value) : 0
    }
}
