import CygniAWS
import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation

/// The telemetry panes and headless reads through cygnid's telemetry routes: what cygnid read
/// from its source, shared with every other console. Failures are the connection's one-line
/// `ClientError`s (unreachable is transient, so panes keep their data and show its age).
struct ControlPlaneTelemetry: Sendable {
    let connection: ControlPlaneConnection

    func slos() async throws -> [SLOStatus] {
        try await connection.get("/v1/slo", as: SLOPage.self).slos
    }

    func traces(since: Date?) async throws -> [Trace] {
        let page = try await connection.get(Self.path("/v1/traces", ["since": since.map(MillisecondTime.string)]), as: TracePage.self)
        var traces: [Trace] = []
        for document in page.traces {
            guard let trace = document.trace else { throw unreadable("trace \(document.id)") }
            traces.append(trace)
        }
        return traces
    }

    func logs(since: Date?) async throws -> [LogEvent] {
        try await connection.get(Self.path("/v1/logs", ["since": since.map(MillisecondTime.string)]), as: LogPage.self).events.map(\.event)
    }

    func traceLogs(_ query: TraceLogQuery) async throws -> TraceLogSearch {
        let parameters: [String: String?] = [
            "trace": query.trace.xray, "span": query.span?.hex,
            "start": query.window.map { MillisecondTime.string($0.start) }, "end": query.window.map { MillisecondTime.string($0.end) },
            "lookback": query.lookback == TraceLogQuery.defaultLookback ? nil : "\(Int(query.lookback.rounded()))s",
            "groups": query.groups.isEmpty ? nil : query.groups.joined(separator: ","),
            "limit": String(min(query.limit, Self.traceLogLimit)),
        ]
        var search = try await connection.get(Self.path("/v1/logs", parameters), as: TraceLogPage.self).search
        if search.reachedLimit, query.limit > Self.traceLogLimit {
            search.notes.append("cygnid answers at most \(Self.traceLogLimit) lines a search")
        }
        return search
    }

    func summaries(_ query: TraceSummaryQuery) async throws -> [TraceOverview] {
        let parameters: [String: String?] = [
            "start": MillisecondTime.string(query.start), "end": MillisecondTime.string(query.end), "service": query.service,
            "errorsOnly": query.errorsOnly ? "true" : nil, "limit": String(min(query.limit, Self.summaryLimit)),
        ]
        return try await connection.get(Self.path("/v1/traces/summaries", parameters), as: TraceSummaryPage.self).traces.map(\.overview)
    }

    func cost() async throws -> CostReport {
        try await connection.get("/v1/cost", as: CostDocument.self).report
    }

    /// What cygnid has asked AWS for (nothing, on its sandbox).
    func awsUsage() async throws -> AWSUsageReport {
        try await connection.get("/v1/usage", as: UsageDocument.self).usage
    }

    func spend(_ query: SpendQuery) async throws -> SpendAnswer {
        let path = Self.path("/v1/cost/spend", ["days": String(query.days), "groupBy": query.grouping.argument])
        let document = try await connection.get(path, as: SpendDocument.self)
        var notes = document.notes
        if query.refresh { notes.append("--refresh is not passed on: cygnid reads spend for every console at most every 5 minutes") }
        return SpendAnswer(usage: document.usage, forecast: document.forecast, fetchedAt: document.fetchedAt, cached: document.cached, notes: notes)
    }

    /// cygnid's checks of its own source, each named for where it ran.
    func sourceChecks() async throws -> [DoctorCheck] {
        try await connection.get("/v1/doctor", as: DoctorDocument.self).checks.map { check in
            var named = check
            named.name = "cygnid \(check.name)"
            return named
        }
    }

    /// cygnid's caps on one answer (its `TelemetryRoutes`): asked for no more than it gives.
    static let summaryLimit = 1_000
    static let traceLogLimit = 10_000

    private func unreadable(_ what: String) -> ClientError {
        ClientError("cygnid at \(connection.address.host) sent a \(what) cx cannot read", isTransient: true)
    }

    /// `path?name=value&...` with the given values percent-encoded, in name order.
    static func path(_ path: String, _ parameters: [String: String?]) -> String {
        let pairs = parameters.compactMap { name, value in value.map { (name, $0) } }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }
}
