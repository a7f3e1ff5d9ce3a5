import CygniAWSSource

/// Where a rollout's weighted forward is: a listener's default action, or one of its rules.
/// Kept with the rollout, so a round reads that forward alone by ARN instead of every listener
/// and rule of the load balancer.
public struct TrafficSiteAddress: Equatable, Hashable, Sendable, Codable {
    public var listenerARN: String
    /// Nil for the listener's default action.
    public var ruleARN: String?

    public init(listenerARN: String, ruleARN: String?) {
        self.listenerARN = listenerARN
        self.ruleARN = ruleARN
    }

    init(_ site: TrafficSite) {
        self.init(listenerARN: site.listenerARN, ruleARN: site.ruleARN)
    }
}
