import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension TelemetryClient {
    /// SLOs, traces and logs of the services `inventory` names, from CloudWatch, X-Ray and
    /// CloudWatch Logs. Each service is read in its own region (with `client`'s credentials and
    /// endpoint). Failures are `ClientError`s of one line naming the service and the AWS error code.
    ///
    /// - slos: an availability SLO (99.9% over 30 days) per service from its target groups' ALB
    ///   counts, read at most once a minute (the counts are per minute; GetMetricData is billed
    ///   per metric read, and the console refreshes every second).
    /// - traces: X-Ray summaries since `since` (or the last 15 minutes), then the newest 50 in
    ///   full, oldest first.
    /// - logs: each log group's events since `since` (or the last 5 minutes), at most 500 per
    ///   group per call, in time order.
    /// - logsForTrace: the earliest 2,000 events of the trace, found by `TraceLogs` (the path
    ///   `cx logs --trace` takes): in the groups of the services it went through (all watched
    ///   groups when X-Ray does not know it), around its X-Ray time, or in the last 2 hours.
    public static func aws(
        client: AWSClient, inventory: @escaping @Sendable () async throws -> [WatchedService],
        now: @escaping @Sendable () -> Date = Date.init
    ) -> TelemetryClient {
        let regional = RegionalClients(base: client)
        let traces = RecentTraces(regional: regional)
        let logs = ServiceLogs(regional: regional)
        let availability = AvailabilitySLOs(regional: regional)
        let traceLogs = TraceLogs(regional: regional, inventory: inventory, now: now)
        let sloCache = TimedCache<[SLOStatus]>(maxAge: 60, failureMaxAge: 60, now: now)
        @Sendable func watched() async throws -> [WatchedService] {
            try await reading("ECS", "the service inventory") { try await inventory() }
        }
        @Sendable func regions(_ services: [WatchedService]) -> [String] {
            let named = services.map(\.region).filter { !$0.isEmpty }
            let all = named.isEmpty ? [client.configuration.region ?? ""] : named
            return all.firstOccurrences
        }
        return TelemetryClient(
            slos: {
                try await sloCache.value { try await availability.statuses(for: try await watched(), now: now()) }
            },
            traces: { since in
                try await traces.traces(since: since, now: now(), regions: regions(try await watched()))
            },
            logs: { since in
                try await logs.recent(since: since, now: now(), groups: ServiceLogs.groups(of: try await watched()))
            },
            logsForTrace: { trace, span in
                try await traceLogs.search(TraceLogQuery(trace: trace, span: span, limit: TraceLogQuery.paneLimit)).events
            })
    }
}
