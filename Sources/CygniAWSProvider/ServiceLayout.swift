import CygniAWS
import CygniAWSSource

/// How a service is wired for a task-set rollout, as read when the rollout started: its stable
/// (PRIMARY) task set on one target group of a weighted forward, and the second target group of
/// that forward where the new task set goes. For a service ECS deploys itself, the groups are the
/// one serving production and the alternate ECS shifts to, and the task-set fields are empty.
public struct ServiceLayout: Equatable, Sendable, Codable {
    public var cluster: String
    public var service: String
    public var region: String
    public var desiredCount: Int
    public var stableTaskSetARN: String
    public var stableTaskSetID: String
    public var stableTaskDefinition: String
    public var stableGroup: String
    public var canaryGroup: String
    public var loadBalancerARN: String
    public var containerName: String
    public var containerPort: Int
    public var placement: TaskSetPlacement

    /// The AWS/ApplicationELB dimensions of each side's metrics.
    public var stableMetrics: MetricTarget { MetricTarget(targetGroupARN: stableGroup, loadBalancerARN: loadBalancerARN) }
    public var canaryMetrics: MetricTarget { MetricTarget(targetGroupARN: canaryGroup, loadBalancerARN: loadBalancerARN) }

    /// `CLUSTER/SERVICE`, the key the store keeps one active rollout per.
    public var key: String { "\(cluster)/\(service)" }
}
