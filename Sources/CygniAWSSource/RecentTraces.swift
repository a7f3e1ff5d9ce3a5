import CygniAWS
import CygniModel
import Foundation

/// The newest traces from X-Ray: summaries over the window, then the full documents of the newest
/// few not fetched before, read into spans.
struct RecentTraces: Sendable {
    let regional: RegionalClients
    /// Each document is fetched once: a trace's late segments are not read again.
    let fetched = FetchedTraces()
    /// Full traces fetched per call: each five cost one BatchGetTraces.
    static let newest = 50
    /// Without `since`, how far back to look.
    static let defaultWindow: TimeInterval = 15 * 60
    /// X-Ray answers at most six hours of summaries per query.
    static let longestWindow: TimeInterval = 6 * 3_600
    /// Summaries read per region and call: a busy region has more in fifteen minutes than a pane
    /// can show, and each page is a request.
    static let summaryLimit = 2_000

    /// Traces that started after `since`, oldest first, from each region watched.
    func traces(since: Date?, now: Date, regions: [String]) async throws -> [Trace] {
        let end = now
        let start = min(max(since ?? now.addingTimeInterval(-Self.defaultWindow), now.addingTimeInterval(-Self.longestWindow)), end.addingTimeInterval(-1))
        var found: [(summaryStart: Date, id: String, region: String)] = []
        for region in regions {
            var xray = XRayClient(regional.client(for: region))
            xray.maxItems = Self.summaryLimit
            let summaries = try await reading("X-Ray", "xray:GetTraceSummaries") {
                // No filter expression: X-Ray's is not portable (moto refuses any); filtering is here.
                try await xray.getTraceSummaries(start: start, end: end)
            }
            for summary in summaries {
                guard let time = summary.startTime ?? TraceID(summary.id).flatMap(Self.startSecond) else { continue }
                // Summary times can be whole seconds (the id's): keep the second `since` falls in.
                if let since, time < since.addingTimeInterval(-1) { continue }
                found.append((time, summary.id, region))
            }
        }
        let chosen = found.sorted { $0.summaryStart > $1.summaryStart }.prefix(Self.newest)
        var traces: [Trace] = []
        for region in regions {
            var ids: [String] = []
            for candidate in chosen where candidate.region == region {
                if let known = await fetched.trace(candidate.id) { traces.append(known) } else { ids.append(candidate.id) }
            }
            guard !ids.isEmpty else { continue }
            let xray = XRayClient(regional.client(for: region))
            let documents = try await reading("X-Ray", "xray:BatchGetTraces") { try await xray.batchGetTraces(ids: ids) }
            let read = documents.compactMap(Trace.init(xray:))
            await fetched.insert(read)
            traces += read
        }
        traces = traces.filter { trace in since.map { trace.start > $0 } ?? true }
        return traces.sorted { ($0.start, $0.id.hex) < ($1.start, $1.id.hex) }
    }

    /// The one trace, for the window of its logs; nil when X-Ray does not know it.
    func trace(_ id: TraceID, regions: [String]) async throws -> Trace? {
        for region in regions {
            let xray = XRayClient(regional.client(for: region))
            let documents = try await reading("X-Ray", "xray:BatchGetTraces") { try await xray.batchGetTraces(ids: [id.xray]) }
            if let trace = documents.lazy.compactMap(Trace.init(xray:)).first { return trace }
        }
        return nil
    }

    /// An X-Ray id's second field is the epoch second the trace started in.
    private static func startSecond(_ id: TraceID) -> Date? {
        UInt32(id.hex.prefix(8), radix: 16).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
