import CygniModel
import CygniTerminal
import Foundation

/// `cx logs --trace`, written line by line as it goes: encoding 100,000 events as one document
/// would hold several copies of them at once. JSON: `{"events": [{"timestamp" (epoch ms),
/// "group", "stream", "message", "traceId", "spanId", "level"}], "traceId", "truncated"}`, keys
/// sorted as in every other command's JSON.
public struct TraceLogsReport: Sendable {
    public var search: TraceLogSearch
    public var trace: TraceID

    public init(_ search: TraceLogSearch, trace: TraceID) {
        self.search = search
        self.trace = trace
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
    }

    public func writeJSON(_ write: (String) -> Void) {
        let encoder = JSONOutput.lineEncoder()
        write("{")
        write("  \"events\" : [")
        for (index, event) in search.events.enumerated() {
            let object = Event(
                timestamp: Self.milliseconds(event.timestamp), group: event.group, stream: event.stream, message: event.message,
                traceId: event.traceID?.xray, spanId: event.spanID?.hex, level: event.level?.rawValue)
            write("    " + JSONOutput.line(object, encoder: encoder) + (index == search.events.count - 1 ? "" : ","))
        }
        write("  ],")
        write("  \"traceId\" : \"\(trace.xray)\",")
        write("  \"truncated\" : \(search.reachedLimit)")
        write("}")
    }

    /// The table, printed row by row, every cell sanitized; `empty` when nothing was found.
    public func writeTable(_ write: (String) -> Void) {
        let events = search.events
        guard !events.isEmpty else {
            let groups = search.groups.isEmpty ? "no log group" : search.groups.joined(separator: ", ")
            write(Sanitizer.clean("no log events carry trace \(trace.xray) in \(groups)"))
            return
        }
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
