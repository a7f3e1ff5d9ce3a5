import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension TraceSearchClient {
    /// Traces from X-Ray in `client`'s region; a trace's logs through `TraceLogs`, the path the
    /// Logs pane takes too.
    public static func aws(
        client: AWSClient, inventory: @escaping @Sendable () async throws -> [WatchedService],
        now: @escaping @Sendable () -> Date = Date.init
    ) -> TraceSearchClient {
        let summaries = TraceSummaries(client: client)
        let logs = TraceLogs(regional: RegionalClients(base: client), inventory: inventory, now: now)
        return TraceSearchClient(
            summaries: { query in try await summaries.list(query) },
            logs: { query in try await logs.search(query) })
    }
}
