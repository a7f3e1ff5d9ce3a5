import CygniClients
import CygniModel
import CygniTerminal
import Foundation

/// `cx traces`: newest first, `{"traces": [{"id", "rootService", "start", "durationMilliseconds",
/// "error", "fault", "httpStatus"}]}`; what a source does not know is left out, never made up.
public struct TracesReport: Encodable, Sendable {
    public var traces: [TraceOverview]

    public init(_ traces: [TraceOverview]) {
        self.traces = traces
    }

    /// The traces of the last `lookback` seconds of the source's own time (the sandbox's virtual
    /// clock, the wall clock on AWS).
    public static func load(
        _ clients: Clients, lookback: TimeInterval, service: String?, errorsOnly: Bool, limit: Int
    ) async throws -> TracesReport {
        let end = await clients.clock.now()
        return TracesReport(try await clients.traceSearch.summaries(
            TraceSummaryQuery(start: end.addingTimeInterval(-lookback), end: end, service: service, errorsOnly: errorsOnly, limit: limit)))
    }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    /// A table for people; `empty` is said when there is no trace.
    public func table(empty: String) -> String {
        guard !traces.isEmpty else { return Sanitizer.clean(empty) }
        var rows = [["TRACE", "ROOT", "START", "DURATION", "STATUS", "HTTP"]]
        for trace in traces {
            rows.append([
                trace.id, trace.rootService ?? "—", trace.start.map(HeadlessOutput.timestamp) ?? "—",
                String(format: "%.0f ms", trace.durationMilliseconds), trace.fault ? "fault" : (trace.error ? "error" : "ok"),
                trace.httpStatus.map(String.init) ?? "—",
            ])
        }
        return TextTable.render(rows, rightAligned: [3])
    }
}
