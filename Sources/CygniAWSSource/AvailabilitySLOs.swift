import CygniAWS
import CygniModel
import CygniRollout
import Foundation

/// Each watched service's availability SLO from its load balancer's counts: a request is bad
/// when its target answered 5xx. The counts of all the service's target groups (stable and
/// canary) are added up and fed to the rollout engine's `BurnRateTracker`, so the pane shows
/// burn rates and alerts exactly as the engine judges them.
struct AvailabilitySLOs: Sendable {
    let regional: RegionalClients

    static let policy = SLOPolicy(name: "availability", kind: .availability, objective: 0.999, windowDays: 30)
    static let namespace = "AWS/ApplicationELB"
    static let requests = "RequestCount"
    static let targetErrors = "HTTPCode_Target_5XX_Count"
    /// GetMetricData takes at most 500 queries per call, and the client stops paging at
    /// `CloudWatchClient.maxItems` datapoints: a call asks for no more than both allow.
    static func queriesPerCall(_ tier: Tier, maxDatapoints: Int) -> Int {
        let pointsPerQuery = max(1, Int((tier.end.timeIntervalSince(tier.start) / Double(tier.periodSeconds)).rounded(.up)))
        return max(1, min(500, maxDatapoints / pointsPerQuery))
    }

    /// The counts are read in two calls per region, whatever the number of services, since
    /// start and end are per call: minute points over the last six hours (the page windows and
    /// the 2 h one, to the minute) and hourly points over the rest of the thirty days (the 1 d
    /// and 3 d windows and the budget, to the hour). The end is the next five-minute mark, so
    /// the hourly call's start falls where CloudWatch would round it for data that old.
    struct Tier {
        var periodSeconds: Int
        var start: Date
        var end: Date

        static func tiers(at now: Date, windowDays: Int) -> [Tier] {
            let end = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 / 300).rounded(.down) + 1) * 300)
            let split = end.addingTimeInterval(-6 * 3_600)
            return [
                Tier(periodSeconds: 3_600, start: end.addingTimeInterval(-Double(windowDays) * 86_400), end: split),
                Tier(periodSeconds: 60, start: split, end: end),
            ]
        }
    }

    func statuses(for services: [WatchedService], now: Date) async throws -> [SLOStatus] {
        var counts: [Int: [Date: (total: Double, bad: Double)]] = [:]
        let regions = services.map(\.region).firstOccurrences
        for region in regions {
            let watched = services.indices.filter { services[$0].region == region }
            for tier in Tier.tiers(at: now, windowDays: Self.policy.windowDays) {
                for (service, time, total, bad) in try await fetch(watched.map { ($0, services[$0]) }, tier: tier, region: region) {
                    counts[service, default: [:]][time, default: (0, 0)].total += total
                    counts[service, default: [:]][time, default: (0, 0)].bad += bad
                }
            }
        }
        return services.indices.map { index in
            var tracker = BurnRateTracker(policy: Self.policy)
            // The tracker takes counts in time order: the hourly tier's all come before the minutes'.
            for (time, count) in (counts[index] ?? [:]).sorted(by: { $0.key < $1.key }) {
                tracker.record(total: Int(count.total.rounded()), bad: Int(count.bad.rounded()), at: time)
            }
            tracker.advance(to: now)
            return tracker.status(service: services[index].name)
        }
    }

    /// (service index, period start, requests, 5xx) for every period with data; a period with no
    /// requests has no point at all (the load balancer emits nothing), which counts as zero.
    private func fetch(_ services: [(index: Int, service: WatchedService)], tier: Tier, region: String) async throws
        -> [(Int, Date, Double, Double)]
    {
        var queries: [(service: Int, query: MetricQuery, isRequests: Bool)] = []
        for (index, service) in services {
            for (position, target) in service.targets.enumerated() {
                for (metric, isRequests) in [(Self.requests, true), (Self.targetErrors, false)] {
                    let id = "\(isRequests ? "r" : "e")\(index)_\(position)"
                    queries.append((index, MetricQuery(
                        id: id, namespace: Self.namespace, metricName: metric, dimensions: target.dimensions, statistic: "Sum",
                        periodSeconds: tier.periodSeconds), isRequests))
                }
            }
        }
        let cloudWatch = CloudWatchClient(regional.client(for: region))
        var rows: [(Int, Date, Double, Double)] = []
        let perCall = Self.queriesPerCall(tier, maxDatapoints: cloudWatch.maxItems)
        for chunk in queries.chunked(perCall) {
            let series = try await reading("CloudWatch", "cloudwatch:GetMetricData") {
                try await cloudWatch.getMetricData(chunk.map(\.query), start: tier.start, end: tier.end)
            }
            for (entry, result) in zip(chunk, series) {
                for point in result.points where point.time >= tier.start && point.time < tier.end {
                    rows.append((entry.service, point.time, entry.isRequests ? point.value : 0, entry.isRequests ? 0 : point.value))
                }
            }
        }
        return rows
    }
}
