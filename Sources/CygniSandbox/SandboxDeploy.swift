import CygniRollout

/// A rollout the control plane asks the sandbox to start: a new version of one of its services,
/// with the plan's shape from the deploy request. The world fills in the rest (the running
/// version, the fleet, the SLOs) as it does for its scenario's release.
public struct SandboxDeploy: Equatable, Sendable {
    /// The rollout's id, chosen by the caller so it can be recorded before the world starts it.
    public var id: String
    /// The ECS-like cluster: the sandbox's environment, `production`.
    public var environment: String
    public var service: String
    public var toVersion: String
    public var strategy: StrategyPlan
    public var analysis: AnalysisPolicy
    /// Who asked, for the timeline ("alice").
    public var actor: String

    public init(id: String, environment: String, service: String, toVersion: String, strategy: StrategyPlan, analysis: AnalysisPolicy, actor: String) {
        self.id = id
        self.environment = environment
        self.service = service
        self.toVersion = toVersion
        self.strategy = strategy
        self.analysis = analysis
        self.actor = actor
    }

    /// The engine's judge as the sandbox runs it, before a request's overrides.
    public static let defaultAnalysis = EngineDriver.analysis
}

/// Why the sandbox will not start a deploy.
public enum SandboxDeployRefusal: Error, Equatable, Sendable {
    /// No such service or environment; the message lists what there is.
    case unknownService(String)
    /// A rollout is already running.
    case busy(String)
    /// The plan cannot work (the version already running, a bad parameter).
    case invalid(String)

    public var message: String {
        switch self {
        case .unknownService(let message), .busy(let message), .invalid(let message): return message
        }
    }
}
