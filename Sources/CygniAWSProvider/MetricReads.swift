import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// Both sides' ALB metrics for many rollouts at once: each whole minute read once, after it
/// had time to arrive, all rollouts' queries in as few GetMetricData calls as CloudWatch allows
/// (500 queries each), since CloudWatch bills per metric requested.
public struct MetricReads: Sendable {
    let client: AWSClient
    /// Seconds a minute of ALB metrics is given to arrive before it is read.
    let metricsLag: Double
    /// Whether CloudWatch answers percentiles, as last found.
    let percentiles = PercentileSupport()

    public init(client: AWSClient, metricsLag: Double) {
        self.client = client
        self.metricsLag = metricsLag
    }

    /// What one rollout gets from a read: a window per side and minute that saw requests, and
    /// the minute it has now been read through.
    public struct Read: Equatable, Sendable {
        public var windows: [MetricWindow]
        public var readThrough: Date
    }

    /// Queries per GetMetricData call, as CloudWatch allows.
    static let queriesPerCall = 500
    /// The most minutes read back for one rollout (after a long outage, older minutes are skipped).
    static let maximumMinutes = 15

    /// The minutes due for each rollout at `now`, read; rollouts with nothing due are left out.
    /// `versions` gives each rollout's (stable, canary) version names.
    public func read(_ rollouts: [AWSRollout], versions: [String: (stable: String, canary: String)], now: Date) async throws -> [String: Read] {
        let end = MetricMinutes.floor(now.addingTimeInterval(-metricsLag))
        let due = rollouts.filter { $0.metricsReadThrough < end && versions[$0.id] != nil }
        guard !due.isEmpty else { return [:] }
        let earliest = max(due.map(\.metricsReadThrough).min() ?? end, end.addingTimeInterval(-Double(Self.maximumMinutes) * 60))
        let cloudWatch = CloudWatchClient(client)

        func query(_ index: Int, _ name: String, _ target: MetricTarget, _ metric: String, _ statistic: String) -> MetricQuery {
            MetricQuery(
                id: "r\(index)_\(name)", namespace: "AWS/ApplicationELB", metricName: metric, dimensions: target.dimensions,
                statistic: statistic, periodSeconds: 60)
        }
        // Six queries a rollout (requests, 5xx and p99 of each side), all rollouts' together
        // in calls of 500: ceil(queries / 500) calls a minute for the whole replica.
        let percentilesServed = await percentiles.served()
        var queries: [MetricQuery] = []
        for (index, rollout) in due.enumerated() {
            let layout = rollout.layout
            let latency = percentilesServed ? "p99" : "Average"
            queries += [
                query(index, "sr", layout.stableMetrics, "RequestCount", "Sum"), query(index, "se", layout.stableMetrics, "HTTPCode_Target_5XX_Count", "Sum"),
                query(index, "sl", layout.stableMetrics, "TargetResponseTime", latency),
                query(index, "cr", layout.canaryMetrics, "RequestCount", "Sum"), query(index, "ce", layout.canaryMetrics, "HTTPCode_Target_5XX_Count", "Sum"),
                query(index, "cl", layout.canaryMetrics, "TargetResponseTime", latency),
            ]
        }
        var series: [String: [(time: Date, value: Double)]] = [:]
        var latencyIsPercentile = percentilesServed
        for batch in queries.chunked(Self.queriesPerCall) {
            let results: [MetricSeries]
            do {
                results = try await cloudWatch.getMetricData(Array(batch), start: earliest, end: end)
            } catch let error as AWSError where latencyIsPercentile && (error.errorClass == .server || error.errorClass == .validation) {
                // Percentiles refused (some emulators cannot answer them): the average response
                // time stands in for the judge's latency, no p99 is claimed, and percentiles are
                // not asked again for a while.
                await percentiles.refused()
                latencyIsPercentile = false
                results = try await cloudWatch.getMetricData(batch.map(Self.averaged), start: earliest, end: end)
            }
            for result in results { series[result.id] = result.points }
        }

        var reads: [String: Read] = [:]
        for (index, rollout) in due.enumerated() {
            guard let names = versions[rollout.id] else { continue }
            var windows: [MetricWindow] = []
            var minute = max(rollout.metricsReadThrough, earliest)
            while minute < end {
                let next = minute.addingTimeInterval(60)
                func sum(_ name: String) -> Double {
                    (series["r\(index)_\(name)"] ?? []).filter { $0.time >= minute && $0.time < next }.reduce(0) { $0 + $1.value }
                }
                func latency(_ name: String) -> Double? {
                    (series["r\(index)_\(name)"] ?? []).last { $0.time >= minute && $0.time < next }.map { $0.value * 1000 }
                }
                for (side, version) in [("s", names.stable), ("c", names.canary)] {
                    let requests = Int(sum("\(side)r").rounded())
                    guard requests > 0 else { continue }
                    let errors = min(requests, Int(sum("\(side)e").rounded()))
                    let latency = latency("\(side)l")
                    var samples = [MetricSpec.errorRate.name: [Double(errors) / Double(requests)]]
                    if let latency { samples[MetricSpec.latency.name] = [latency] }
                    windows.append(MetricWindow(
                        version: version, start: minute, end: next, requests: requests, errors: errors,
                        p99Milliseconds: latencyIsPercentile ? latency : nil, samples: samples))
                }
                minute = next
            }
            reads[rollout.id] = Read(windows: windows, readThrough: end)
        }
        return reads
    }

    private static func averaged(_ query: MetricQuery) -> MetricQuery {
        guard query.statistic == "p99" else { return query }
        var average = query
        average.statistic = "Average"
        return average
    }
}
