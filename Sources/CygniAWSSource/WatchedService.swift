import CygniAWS

/// An ECS service the console watches on AWS, with where its telemetry lives.
public struct WatchedService: Sendable, Equatable {
    /// The cluster's name (not its ARN).
    public var cluster: String
    public var name: String
    public var region: String
    /// The CloudWatch Logs groups its containers write to (the task definitions' awslogs-group),
    /// or /ecs/NAME when none is configured.
    public var logGroups: [String]
    /// The target groups its traffic goes through, stable (primary) first.
    public var targets: [MetricTarget]

    public init(cluster: String, name: String, region: String, logGroups: [String], targets: [MetricTarget]) {
        self.cluster = cluster
        self.name = name
        self.region = region
        self.logGroups = logGroups
        self.targets = targets
    }
}

/// A target group as CloudWatch names it in the AWS/ApplicationELB namespace.
public struct MetricTarget: Sendable, Equatable {
    public var targetGroupARN: String
    /// The TargetGroup dimension: "targetgroup/NAME/ID", the ARN's last part.
    public var targetGroupDimension: String
    /// The LoadBalancer dimension: "app/NAME/ID", or nil when no load balancer uses the group.
    public var loadBalancerDimension: String?

    public init(targetGroupARN: String, loadBalancerARN: String?) {
        self.targetGroupARN = targetGroupARN
        targetGroupDimension = Self.dimension(of: targetGroupARN, after: ":targetgroup/", prefix: "targetgroup/")
        loadBalancerDimension = loadBalancerARN.map { Self.dimension(of: $0, after: ":loadbalancer/", prefix: "") }
    }

    /// The dimensions of the group's AWS/ApplicationELB metrics.
    public var dimensions: [String: String] {
        var dimensions = ["TargetGroup": targetGroupDimension]
        if let loadBalancerDimension { dimensions["LoadBalancer"] = loadBalancerDimension }
        return dimensions
    }

    /// arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID -> targetgroup/NAME/ID;
    /// ...:loadbalancer/app/NAME/ID -> app/NAME/ID.
    private static func dimension(of arn: String, after marker: String, prefix: String) -> String {
        guard let range = arn.range(of: marker) else { return arn }
        return prefix + arn[range.upperBound...]
    }
}
