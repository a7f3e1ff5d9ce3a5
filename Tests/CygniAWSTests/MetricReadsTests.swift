import CygniAWSSource
import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The minute's ALB metrics of many rollouts on moto, counted by the fault proxy: every
/// rollout's minute read once, all rollouts' queries in ceil(queries / 500) GetMetricData calls,
/// and a minute already read not asked again.
@Suite struct MetricReadsTests {
    static let proxy = FaultProxy()

    static func layout(_ index: Int, region: String) -> ServiceLayout {
        let account = "arn:aws:elasticloadbalancing:\(region):123456789012"
        return ServiceLayout(
            cluster: "prod", service: "svc-\(index)", region: region, desiredCount: 2, stableTaskSetARN: "stable-\(index)", stableTaskSetID: "ecs-svc/\(index)",
            stableTaskDefinition: "svc:1", stableGroup: "\(account):targetgroup/blue-\(index)/\(index)", canaryGroup: "\(account):targetgroup/green-\(index)/\(index)",
            loadBalancerARN: "\(account):loadbalancer/app/alb-\(index)/\(index)", containerName: "web", containerPort: 80, placement: TaskSetPlacement())
    }

    /// The GetMetricData calls the proxy saw, each as its queries' (metric, target group) pairs.
    static func metricCalls() async throws -> [[String]] {
        try await proxy.requests().filter { $0["target"]?.string?.hasSuffix(".GetMetricData") == true }.map { request in
            let body = try JSONValue.parse(Data((request["body"]?.string ?? "").utf8))
            return body["MetricDataQueries"]?.array.map { query in
                let stat = query["MetricStat"]
                let group = stat?["Metric"]?["Dimensions"]?.array.first { $0["Name"]?.string == "TargetGroup" }?["Value"]?.string ?? "?"
                return "\(stat?["Metric"]?["MetricName"]?.string ?? "?") \(group)"
            } ?? []
        }
    }

    @Test func ninetyRolloutsMinuteIsReadOnceInCeilQueriesOver500Calls() async throws {
        let region = "us-east-2"
        let start = MetricMinutes.floor(Date()).addingTimeInterval(-3600)
        let metrics = MetricReads(client: try await motoClient(region: region, endpoint: try await Self.proxy.endpoint()), metricsLag: 0)
        var rollouts = (0..<90).map { index in
            AWSRollout(id: "r\(index)", layout: Self.layout(index, region: region), newTaskDefinition: "svc:2", externalID: "canary", metricsReadThrough: start, stoppedTasksSeen: [])
        }
        let versions = Dictionary(uniqueKeysWithValues: rollouts.map { ($0.id, (stable: "1.0", canary: "2.0")) })
        // One rollout's canary served requests in the second minute; the others are quiet.
        let cloudWatch = CloudWatchClient(try await motoClient(region: region))
        let canary = rollouts[7].layout.canaryMetrics.dimensions
        let second = start.addingTimeInterval(60)
        try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: canary, points: [(second.addingTimeInterval(30), 600)])
        try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: canary, points: [(second.addingTimeInterval(30), 6)])

        // The first read learns whether percentiles are served (moto's are not).
        let first = try await metrics.read(rollouts, versions: versions, now: second)
        #expect(first.count == 90)
        for index in rollouts.indices { rollouts[index].metricsReadThrough = first[rollouts[index].id]?.readThrough ?? start }

        try await Self.proxy.reset()
        let reads = try await metrics.read(rollouts, versions: versions, now: second.addingTimeInterval(60))
        let calls = try await Self.metricCalls()
        let queries = calls.flatMap { $0 }
        #expect(queries.count == 540, "six queries for each of 90 rollouts, not \(queries.count)")
        #expect(Set(queries).count == 540, "each rollout's metric asked once")
        #expect(calls.count == 2, "540 queries are ceil(540 / 500) = 2 calls, not \(calls.count)")
        #expect(reads.count == 90)
        #expect(reads.values.allSatisfy { $0.readThrough == second.addingTimeInterval(60) })
        let windows = reads["r7"]?.windows ?? []
        #expect(windows.map(\.version) == ["2.0"] && windows.first?.requests == 600 && windows.first?.errors == 6, "r7 got \(windows)")
        let quiet = reads.filter { $0.key != "r7" }.allSatisfy { $0.value.windows.isEmpty }
        #expect(quiet, "the other rollouts saw no requests")

        // Read through: the same minute is not asked again.
        for index in rollouts.indices { rollouts[index].metricsReadThrough = reads[rollouts[index].id]?.readThrough ?? start }
        try await Self.proxy.reset()
        #expect(try await metrics.read(rollouts, versions: versions, now: second.addingTimeInterval(90)).isEmpty)
        #expect(try await Self.metricCalls().isEmpty)
    }
}
