import Foundation
import Testing

@testable import CygniAWS

/// What the load balancer's groups serve, as a rollout's judge reads it: registered targets
/// (moto counts every one healthy) and minutes of ALB metrics.
extension LoadBalancerFixture {
    /// `count` targets in each group.
    func registerTargets(_ count: Int) async throws {
        for (group, base) in [(blue, 10), (green, 20)] where count > 0 {
            var parameters = QueryParameters()
            parameters["TargetGroupArn"] = group
            for index in 1...count {
                parameters["Targets.member.\(index).Id"] = "10.0.0.\(base + index)"
                parameters["Targets.member.\(index).Port"] = "8080"
            }
            _ = try await elb.call("RegisterTargets", parameters, idempotent: true)
        }
    }

    /// One minute of ALB metrics for a group, as the load balancer would publish them.
    func publish(group: String, minute: Date, requests: Int, errors: Int, responseSeconds: Double = 0.05, client: AWSClient) async throws {
        let dimensions = [
            "TargetGroup": "targetgroup/" + group.components(separatedBy: ":targetgroup/").last!,
            "LoadBalancer": loadBalancer.components(separatedBy: ":loadbalancer/").last!,
        ]
        let cloudWatch = CloudWatchClient(client)
        let time = minute.addingTimeInterval(30)
        try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: dimensions, points: [(time, Double(requests))])
        try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: dimensions, points: [(time, Double(errors))])
        try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: dimensions, points: [(time, responseSeconds)])
    }

    /// What a test's round of 20 virtual seconds publishes: on every third round, a minute of
    /// both groups' traffic (the canary's only when `canaryServes`), errors and latency varying
    /// a little from minute to minute, as real traffic does.
    func publishRound(
        _ round: Int, at now: Date, stable: (requests: Int, errors: Int), canary: (requests: Int, errors: Int), canaryResponseSeconds: Double = 0.052,
        canaryServes: Bool = true, client: AWSClient
    ) async throws {
        guard round % 3 == 0 else { return }
        let minute = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let jitter = Double((round / 3) % 5) / 1000
        try await publish(group: blue, minute: minute, requests: stable.requests, errors: stable.errors + round % 2, responseSeconds: 0.05 + jitter, client: client)
        guard canaryServes else { return }
        try await publish(
            group: green, minute: minute, requests: canary.requests, errors: canary.errors + (round / 3) % 2, responseSeconds: canaryResponseSeconds - jitter,
            client: client)
    }
}
