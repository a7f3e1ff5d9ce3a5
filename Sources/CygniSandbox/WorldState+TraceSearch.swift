import CygniClients
import CygniModel
import Foundation

/// The headless commands' searches over the traces and log lines the world kept. Like every
/// reader, they draw no random numbers and change nothing.
extension WorldState {
    /// Traces that started in the window, newest first, filtered, at most `limit`.
    func traceSummaries(_ query: TraceSummaryQuery) -> [TraceOverview] {
        let chosen = traces.ordered.reversed().filter { trace in
            trace.start >= query.start && trace.start <= query.end
                && (!query.errorsOnly || trace.status != .ok)
                && (query.service == nil || trace.service == query.service)
        }
        return chosen.prefix(query.limit).map { trace in
            TraceOverview(
                id: trace.id.xray, rootService: trace.service, start: trace.start, durationMilliseconds: trace.durationMilliseconds,
                error: trace.status == .error, fault: trace.status == .fault, httpStatus: trace.httpStatus)
        }
    }

    /// The lines of a trace by the same rule as on AWS: the window from the trace's own times
    /// (when the world still keeps the trace), else the last `lookback`; the groups of the services
    /// it went through, else every service's.
    func traceLogs(_ query: TraceLogQuery) -> TraceLogSearch {
        var notes: [String] = []
        let known = traces.ordered.last { $0.id == query.trace }
        let window = query.window(known: known, now: now)
        if query.needsTraceTimes && known == nil {
            notes.append("the sandbox keeps no trace \(query.trace.xray) (it keeps the newest \(Self.tracesKept)): searched the last \(query.lookbackText)")
        }
        let services = known?.services ?? ServiceSpec.all.map(\.name)
        let groups = query.groups.isEmpty ? services.map(ServiceSpec.logGroup(of:)) : query.groups.firstOccurrences
        let wanted = Set(groups)
        var found: [LogEvent] = []
        var more = false
        for event in logs.ordered where event.traceID == query.trace && window.contains(event.timestamp) && wanted.contains(event.group) {
            if let span = query.span, event.spanID != span { continue }
            guard found.count < query.limit else {
                more = true
                break
            }
            found.append(Self.read(event))
        }
        let unknown = groups.filter { group in !ServiceSpec.all.contains { ServiceSpec.logGroup(of: $0.name) == group } }
        if !unknown.isEmpty { notes.append("no such log group in the sandbox: \(unknown.joined(separator: ", "))") }
        return TraceLogSearch(
            events: found, reachedLimit: more, groups: groups, window: window, windowReason: query.windowReason(known: known), notes: notes)
    }
}
