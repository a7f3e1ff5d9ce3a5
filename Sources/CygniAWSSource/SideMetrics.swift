import CygniAWS
import CygniModel
import CygniRollout
import Foundation

/// Each side of a task-set rollout as its target group's ALB metrics tell it: requests, target
/// 5xx and p99 response time per minute; and the canary judged against the stable side on those
/// minutes by the engine's canary judge.
struct SideMetrics: Sendable {
    /// Minutes of history read: the sparklines' width, and the judge's samples.
    static let minutes = 30
    /// Per-minute samples give about one per minute of canary: ten minutes before a verdict.
    static let policy = AnalysisPolicy(minimumSamples: 10, thresholds: nil, errorRateDatapointSeconds: nil)

    struct Series: Equatable, Sendable {
        /// Per minute, oldest first; a minute without a point had no requests.
        var requests: [Double]
        var errors: [Double]
        /// Per minute where CloudWatch has it (not in moto); empty otherwise.
        var p99Milliseconds: [Double]
    }

    let client: AWSClient

    func series(stable: MetricTarget, canary: MetricTarget, now: Date) async throws -> (stable: Series, canary: Series) {
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let start = end.addingTimeInterval(-Double(Self.minutes) * 60)
        let cloudWatch = CloudWatchClient(client)
        func query(_ id: String, _ target: MetricTarget, _ metric: String, _ statistic: String) -> MetricQuery {
            MetricQuery(id: id, namespace: "AWS/ApplicationELB", metricName: metric, dimensions: target.dimensions, statistic: statistic, periodSeconds: 60)
        }
        let counts = try await reading("CloudWatch", "cloudwatch:GetMetricData") {
            try await cloudWatch.getMetricData(
                [
                    query("sr", stable, "RequestCount", "Sum"), query("se", stable, "HTTPCode_Target_5XX_Count", "Sum"),
                    query("cr", canary, "RequestCount", "Sum"), query("ce", canary, "HTTPCode_Target_5XX_Count", "Sum"),
                ],
                start: start, end: end
            )
        }
        // Percentiles are a separate call: a service that cannot answer them (moto) still gets counts.
        let latency = try? await cloudWatch.getMetricData(
            [query("sl", stable, "TargetResponseTime", "p99"), query("cl", canary, "TargetResponseTime", "p99")], start: start, end: end
        )
        func minutes(_ id: String, in results: [MetricSeries]?, scale: Double = 1) -> [Double] {
            var values = [Double](repeating: 0, count: Self.minutes)
            for point in results?.first(where: { $0.id == id })?.points ?? [] {
                let minute = (point.time.timeIntervalSince(start) / 60).rounded(.down)
                guard minute >= 0, minute < Double(Self.minutes) else { continue }
                values[Int(minute)] += point.value * scale
            }
            return values
        }
        func measured(_ id: String) -> [Double] {
            latency?.first(where: { $0.id == id })?.points.map { $0.value * 1000 } ?? []
        }
        return (
            Series(requests: minutes("sr", in: counts), errors: minutes("se", in: counts), p99Milliseconds: measured("sl")),
            Series(requests: minutes("cr", in: counts), errors: minutes("ce", in: counts), p99Milliseconds: measured("cl"))
        )
    }

    /// The Traffic pane's row of one side: the last five minutes' rate and errors.
    static func stats(_ series: Series, role: VersionStats.Role, version: String, taskSet: ECSTaskSet) -> VersionStats {
        let recent = 5
        let requests = series.requests.suffix(recent).reduce(0, +)
        let errors = series.errors.suffix(recent).reduce(0, +)
        return VersionStats(
            role: role, version: version, requestsPerSecond: requests / Double(recent * 60), errorRate: requests > 0 ? errors / requests : 0,
            p99Milliseconds: series.p99Milliseconds.last ?? .nan, healthyTasks: taskSet.runningCount,
            totalTasks: max(taskSet.computedDesiredCount, taskSet.runningCount), history: series.requests
        )
    }

    /// The canary against the stable side over the minutes where each had requests, on the
    /// metrics both sides have data for; nil when there is none yet. (The engine fails a canary
    /// with no data after its bake; a viewer that has not seen traffic yet knows nothing.)
    static func judgement(stable: Series, canary: Series, at time: Date) -> Judgement? {
        func errorRates(_ series: Series) -> [Double] {
            zip(series.requests, series.errors).compactMap { requests, errors in requests > 0 ? errors / requests : nil }
        }
        let samples: [(spec: MetricSpec, canary: [Double], baseline: [Double])] = [
            (.errorRate, errorRates(canary), errorRates(stable)),
            (.latency, canary.p99Milliseconds, stable.p99Milliseconds),
        ].filter { !$0.canary.isEmpty && !$0.baseline.isEmpty }
        guard !samples.isEmpty else { return nil }
        var policy = Self.policy
        policy.metrics = samples.map(\.spec)
        return CanaryJudge.judge(
            canary: Dictionary(uniqueKeysWithValues: samples.map { ($0.spec.name, $0.canary) }),
            baseline: Dictionary(uniqueKeysWithValues: samples.map { ($0.spec.name, $0.baseline) }),
            policy: policy, at: time
        )
    }
}
