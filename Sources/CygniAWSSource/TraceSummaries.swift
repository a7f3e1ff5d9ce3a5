import CygniAWS
import CygniClients
import CygniModel
import Foundation

/// The traces `cx traces` lists, from X-Ray in the configured region.
struct TraceSummaries: Sendable {
    let client: AWSClient

    /// The root service comes from the summary's entry point and the start from its start time;
    /// where X-Ray leaves them out (moto does), from the trace's root segment, fetched with one
    /// BatchGetTraces per 5 traces. Newest first, then the service filter, then the limit. The
    /// errors filter is applied here, not sent: X-Ray's FilterExpression is not portable (moto
    /// rejects any).
    func list(_ query: TraceSummaryQuery) async throws -> [TraceOverview] {
        let xray = XRayClient(client)
        let summaries = try await reading("X-Ray", "xray:GetTraceSummaries") {
            try await xray.getTraceSummaries(start: query.start, end: query.end)
        }.filter { !query.errorsOnly || $0.hasError || $0.hasFault }
        let incomplete = summaries.filter { $0.entryPoint == nil || $0.startTime == nil }.map(\.id)
        var roots: [String: (name: String?, start: Date?)] = [:]
        if !incomplete.isEmpty {
            let ids = Array(incomplete.prefix(max(query.limit * 4, 100)))
            for document in try await reading("X-Ray", "xray:BatchGetTraces", { try await xray.batchGetTraces(ids: ids) }) {
                roots[document.id] = Trace(xray: document).map { ($0.service, $0.start) }
            }
        }
        let rows = summaries.map { summary in
            TraceOverview(
                id: summary.id, rootService: summary.entryPoint ?? roots[summary.id]?.name,
                start: summary.startTime ?? roots[summary.id]?.start,
                durationMilliseconds: summary.duration * 1000, error: summary.hasError, fault: summary.hasFault,
                httpStatus: summary.httpStatus
            )
        }
        return Array(
            rows.filter { query.service == nil || $0.rootService == query.service }
                .sorted { ($0.start ?? .distantPast) > ($1.start ?? .distantPast) }
                .prefix(query.limit))
    }
}
