import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// Both sides' ALB metrics for many rollouts at once: each whole minute read once, after it
/// had time to arrive, all rollouts' queries in as few GetMetricData calls as CloudWatch allows
/// (500 queries each), since CloudWatch bills per metric requested.
extension TaskSetProvider {
    /// What one rollout gets from a read: a window per side and minute that saw requests, and
    /// the minute it has now been read through.
    public struct MetricsRead: Equatable, Sendable {
        public var windows: [MetricWindow]
        public var readThrough: Date
    }

    /// Queries per GetMetricData call, as CloudWatch allows.
    static let queriesPerCall = 500
    /// The most minutes read back for one rollout (after a long outage, older minutes are skipped).
    static let maximumMinutes = 15

    /// The minutes due for each rollout at `now`, read; rollouts with nothing due are left out.
    /// `versions` gives each rollout's (stable, canary) version names.
    public func readMetrics(_ rollouts: [TaskSetRollout], versions: [String: (stable: String, canary: String)], now: Date) async throws -> [String: MetricsRead] {
        let end = MetricMinutes.floor(now.addingTimeInterval(-timing.metricsLag))
        let due = rollouts.filter { $0.metricsReadThrough < end && versions[$0.id] != nil }
        guard !due.isEmpty else { return [:] }
        let earliest = max(due.map(\.metricsReadThrough).min() ?? end, end.addingTimeInterval(-Double(Self.maximumMinutes) * 60))
        let cloudWatch = CloudWatchClient(client)

        func query(_ index: Int, _ name: String, _ target: MetricTarget, _ metric: String, _ statistic: String) -> MetricQuery {
            MetricQuery(
                id: "r\(index)_\(name)", namespace: "AWS/ApplicationELB", metricName: metric, dimensions: target.dimensions,
                statistic: statistic, periodSeconds: 60)
        }
        var counts: [MetricQuery] = []
        var latencies: [MetricQuery] = []
        for (index, rollout) in due.enumerated() {
            let layout = rollout.layout
            counts += [
                query(index, "sr", layout.stableMetrics, "RequestCount", "Sum"), query(index, "se", layout.stableMetrics, "HTTPCode_Target_5XX_Count", "Sum"),
                query(index, "cr", layout.canaryMetrics, "RequestCount", "Sum"), query(index, "ce", layout.canaryMetrics, "HTTPCode_Target_5XX_Count", "Sum"),
            ]
            latencies += [query(index, "sl", layout.stableMetrics, "TargetResponseTime", "p99"), query(index, "cl", layout.canaryMetrics, "TargetResponseTime", "p99")]
        }
        var series: [String: [(time: Date, value: Double)]] = [:]
        for batch in counts.chunked(Self.queriesPerCall) {
            for result in try await cloudWatch.getMetricData(Array(batch), start: earliest, end: end) { series[result.id] = result.points }
        }
        // Percentiles in a call of their own. Where they cannot be answered (some emulators),
        // the average response time stands in for the judge's latency, and no p99 is claimed.
        var latencyIsPercentile = true
        for batch in latencies.chunked(Self.queriesPerCall) {
            if let results = try? await cloudWatch.getMetricData(Array(batch), start: earliest, end: end) {
                for result in results { series[result.id] = result.points }
                continue
            }
            latencyIsPercentile = false
            let averages = batch.map { query in
                var average = query
                average.statistic = "Average"
                return average
            }
            for result in try await cloudWatch.getMetricData(averages, start: earliest, end: end) { series[result.id] = result.points }
        }

        var reads: [String: MetricsRead] = [:]
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
            reads[rollout.id] = MetricsRead(windows: windows, readThrough: end)
        }
        return reads
    }
}
