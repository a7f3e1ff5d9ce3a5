import CygniRollout

/// What a deploy asks for, already checked field by field: the service, the new version (an
/// image for the first container, or a whole task definition), and how to roll it out.
public struct DeploySpec: Equatable, Sendable, Codable {
    public var cluster: String
    public var service: String
    public var version: NewVersion
    public var strategy: StrategyPlan
    public var analysis: AnalysisPolicy
    public var reason: String?
    /// Whether the request named the strategy, steps or bakes itself, rather than taking the
    /// defaults. A service ECS deploys itself has its plan in its deploymentConfiguration: one
    /// the request names must agree with it. (Nil in deploys stored before this was kept.)
    public var planNamed: Bool?

    public enum NewVersion: Equatable, Sendable, Codable {
        /// A new revision of the running task definition with the first container's image replaced.
        case image(String)
        case taskDefinition(String)
    }

    public init(cluster: String, service: String, version: NewVersion, strategy: StrategyPlan, analysis: AnalysisPolicy, reason: String?) {
        self.cluster = cluster
        self.service = service
        self.version = version
        self.strategy = strategy
        self.analysis = analysis
        self.reason = reason
    }

    /// The engine's judge on ALB metrics: one datapoint per minute and side, so a few minutes
    /// of bake are enough samples (the sandbox's per-second default of 50 would never be reached);
    /// per-minute threshold checks as Flagger runs them.
    public static let defaultAnalysis = AnalysisPolicy(minimumSamples: 3, thresholds: ThresholdPolicy(), errorRateDatapointSeconds: nil)
}
