import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation
import Hummingbird

/// The telemetry reads (role viewer), from the source cygnid runs on, each shared by every
/// request through `TelemetryReads`: `GET /v1/slo`, `/v1/traces[?since]`, `/v1/logs[?since]`,
/// `/v1/logs?trace=ID[&span=ID...]`, `/v1/cost`, and for the headless commands
/// `/v1/traces/summaries` (`cx traces`), `/v1/cost/spend` (`cx cost`) and `/v1/doctor` (`cx doctor`),
/// and `/v1/usage`, what cygnid itself has asked AWS for (counted in memory: no read to share).
struct TelemetryRoutes {
    let gate: Gatekeeper
    let reads: TelemetryReads

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/slo") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            _ = try request.queryValues(allowed: [])
            let answer = try await reads.slos.value { try await reads.world.telemetry.slos() }
            return JSONBody.response(SLOPage(slos: answer.value, freshness: answer.freshness))
        }
        router.get("/v1/traces") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let since = try TelemetryQuery.time(request.queryValues(allowed: ["since"]), "since")
            // The recent traces once for everyone; each request's `since` is a filter on them.
            let answer = try await reads.allTraces()
            let after = since.map { since in answer.value.filter { Self.isAfter($0.start, since) } } ?? answer.value
            let shown = after.suffix(TracePage.limit)
            return JSONBody.response(TracePage(traces: shown.map(TraceDocument.init), truncated: shown.count < after.count, freshness: answer.freshness))
        }
        router.get("/v1/traces/summaries") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let query = try request.queryValues(allowed: ["start", "end", "service", "errorsOnly", "limit"])
            let window = try TelemetryQuery.window(query)
            let service = query["service"]
            if let service, !(1...255).contains(service.count) { throw APIError.badRequest("service must be 1 to 255 characters") }
            let errorsOnly = try TelemetryQuery.boolean(query, "errorsOnly") ?? false
            let limit = try TelemetryQuery.integer(query, "limit", in: 1...Self.summaryLimit) ?? 50
            let (world, clock) = (reads.world, reads.clock)
            let answer = try await reads.summaries.value(for: query) {
                // Without a window: the last 15 minutes of the world's time, as `cx traces` defaults to.
                let end: Date
                if let window { end = window.end } else { end = await clock.now() }
                let start = window?.start ?? end.addingTimeInterval(-Self.defaultLookback)
                return try await world.traceSearch.summaries(
                    TraceSummaryQuery(start: start, end: end, service: service, errorsOnly: errorsOnly, limit: limit))
            }
            return JSONBody.response(TraceSummaryPage(traces: answer.value, freshness: answer.freshness))
        }
        router.get("/v1/logs") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let query = try request.queryValues(allowed: ["since", "trace", "span", "start", "end", "lookback", "groups", "limit"])
            if let trace = try TelemetryQuery.trace(query) {
                return try await traceLogs(trace, query)
            }
            if let only = ["span", "start", "end", "lookback", "groups", "limit"].first(where: { query[$0] != nil }) {
                throw APIError.badRequest("\(only) needs trace: it narrows the search for one trace's lines")
            }
            let since = try TelemetryQuery.time(query, "since")
            let answer = try await reads.allLogs()
            let after = since.map { since in answer.value.filter { Self.isAfter($0.timestamp, since) } } ?? answer.value
            let shown = after.suffix(LogPage.limit)
            return JSONBody.response(LogPage(events: shown.map(LogEventDocument.init), truncated: shown.count < after.count, freshness: answer.freshness))
        }
        router.get("/v1/cost") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            _ = try request.queryValues(allowed: [])
            let answer = try await reads.cost.value { try await reads.world.cost.report() }
            return JSONBody.response(CostDocument(report: answer.value, freshness: answer.freshness))
        }
        router.get("/v1/cost/spend") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let query = try request.queryValues(allowed: ["days", "groupBy"])
            let days = try TelemetryQuery.integer(query, "days", in: 1...365) ?? 30
            guard let grouping = CostGrouping(argument: query["groupBy"] ?? "service") else {
                throw APIError.badRequest("groupBy must be service or tag:KEY")
            }
            let answer = try await reads.spend.value(for: query) { try await reads.world.spend.spend(SpendQuery(days: days, grouping: grouping)) }
            let spend = answer.value
            return JSONBody.response(SpendDocument(
                usage: spend.usage, forecast: spend.forecast, fetchedAt: spend.fetchedAt, cached: spend.cached || answer.shared, notes: spend.notes,
                freshness: answer.freshness))
        }
        router.get("/v1/usage") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            _ = try request.queryValues(allowed: [])
            return JSONBody.response(UsageDocument(usage: try await reads.world.awsUsage.report()))
        }
        router.get("/v1/doctor") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            _ = try request.queryValues(allowed: [])
            let answer = try await reads.doctor.value { await reads.world.doctor.run(TelemetryReads.doctorTimeout) }
            return JSONBody.response(DoctorDocument(checks: answer.value, freshness: answer.freshness))
        }
    }

    /// One trace's lines, found as `cx logs --trace` finds them; at most `traceLogLimit` a request.
    private func traceLogs(_ trace: TraceID, _ query: [String: String]) async throws -> Response {
        if query["since"] != nil { throw APIError.badRequest("since does not go with trace: use start and end, or lookback") }
        let search = TraceLogQuery(
            trace: trace, span: try TelemetryQuery.span(query), window: try TelemetryQuery.window(query),
            lookback: try TelemetryQuery.duration(query, "lookback") ?? TraceLogQuery.defaultLookback, groups: try TelemetryQuery.groups(query),
            limit: try TelemetryQuery.integer(query, "limit", in: 1...Self.traceLogLimit) ?? TraceLogQuery.paneLimit)
        let world = reads.world
        let answer = try await reads.traceLogs.value(for: query) { try await world.traceSearch.logs(search) }
        return JSONBody.response(TraceLogPage(answer.value, freshness: answer.freshness))
    }

    /// Later than `since` at the milliseconds the API writes times in, which `since` echoes.
    private static func isAfter(_ time: Date, _ since: Date) -> Bool {
        MillisecondTime.milliseconds(time) > MillisecondTime.milliseconds(since)
    }

    /// Bodies stay in megabytes: `cx traces --limit` and `cx logs --limit` above these get this many.
    static let summaryLimit = 1_000
    static let traceLogLimit = 10_000
    static let defaultLookback: TimeInterval = 15 * 60
}
