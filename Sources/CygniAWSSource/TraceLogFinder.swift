import CygniAWS
import CygniModel
import Foundation

/// Finds the CloudWatch Logs events of one trace in one log group.
struct TraceLogFinder: Sendable {
    let logs: LogsClient

    /// The events of `group` that carry the trace, in X-Ray or W3C form, in time order: the
    /// earliest `limit` of them. The service is asked for each spelling as a
    /// quoted substring; every returned event is checked again here, since filter patterns are
    /// loose (moto's especially). Events are converted page by page, so only what is kept stays
    /// in memory: at most `limit + 1` per spelling.
    func events(forTrace trace: TraceID, span: SpanID?, group: String, start: Date, end: Date, limit: Int) async throws -> TraceLogSearch {
        var search = TraceLogSearch(groups: [group])
        let (xray, w3c) = (trace.xray, trace.w3c)
        for spelling in [xray, w3c] {
            // One event past the limit tells a search that is cut from one that just fits.
            var reader = logs
            reader.maxItems = limit < Int.max ? limit + 1 : limit
            let stopped = try await reader.filterLogEvents(group: group, pattern: "\"\(spelling)\"", start: start, end: end) { page in
                for event in page {
                    let hasXRay = event.message.containsIgnoringASCIICase(xray)
                    guard hasXRay || event.message.containsIgnoringASCIICase(w3c) else { continue }
                    // A line with both spellings came back for the first one already.
                    if spelling == w3c && hasXRay { continue }
                    let converted = LogEvent(cloudWatch: event, trace: trace)
                    // The span is looked for in the line as written: a structured line's
                    // message no longer holds its span field.
                    if let span, converted.spanID != span && !event.message.containsIgnoringASCIICase(span.hex) { continue }
                    search.events.append(converted)
                }
            }
            search.reachedLimit = search.reachedLimit || stopped
        }
        search.events.sort { ($0.timestamp, $0.group, $0.stream) < ($1.timestamp, $1.group, $1.stream) }
        if search.events.count > limit {
            search.events.removeLast(search.events.count - limit)
            search.reachedLimit = true
        }
        return search
    }
}
