import Foundation

/// A service's `deploymentConfiguration`: how ECS deploys it. With strategy BLUE_GREEN, LINEAR or
/// CANARY, ECS itself runs each deployment (stages, bake times, hooks), and the deployment is read
/// with ListServiceDeployments and DescribeServiceDeployments.
public struct ECSDeploymentConfiguration: Sendable, Equatable {
    /// ROLLING, BLUE_GREEN, LINEAR or CANARY; nil when ECS was given none (ROLLING).
    public var strategy: String?
    public var bakeTimeInMinutes: Int?
    /// LINEAR: the percent moved at each step, and the minutes each step bakes.
    public var linearStepPercent: Double?
    public var linearStepBakeMinutes: Int?
    /// CANARY: the canary's percent, and the minutes it bakes before the rest moves.
    public var canaryPercent: Double?
    public var canaryBakeMinutes: Int?
    public var lifecycleHooks: [ECSLifecycleHook]
    public var circuitBreakerEnabled: Bool
    public var circuitBreakerRollsBack: Bool
    public var alarmNames: [String]
    public var alarmsEnabled: Bool
    public var alarmsRollBack: Bool

    public static let strategiesECSRuns: Set<String> = ["BLUE_GREEN", "LINEAR", "CANARY"]

    /// Whether ECS itself runs this service's deployments step by step.
    public var isRunByECS: Bool { strategy.map(Self.strategiesECSRuns.contains) ?? false }

    init(_ json: JSONValue) {
        strategy = json["strategy"]?.string
        bakeTimeInMinutes = json["bakeTimeInMinutes"]?.int
        linearStepPercent = json["linearConfiguration"]?["stepPercent"]?.double
        linearStepBakeMinutes = json["linearConfiguration"]?["stepBakeTimeInMinutes"]?.int
        canaryPercent = json["canaryConfiguration"]?["canaryPercent"]?.double
        canaryBakeMinutes = json["canaryConfiguration"]?["canaryBakeTimeInMinutes"]?.int
        lifecycleHooks = json["lifecycleHooks"]?.array.map(ECSLifecycleHook.init) ?? []
        circuitBreakerEnabled = json["deploymentCircuitBreaker"]?["enable"]?.bool ?? false
        circuitBreakerRollsBack = json["deploymentCircuitBreaker"]?["rollback"]?.bool ?? false
        alarmNames = json["alarms"]?["alarmNames"]?.strings ?? []
        alarmsEnabled = json["alarms"]?["enable"]?.bool ?? false
        alarmsRollBack = json["alarms"]?["rollback"]?.bool ?? false
    }

    /// The stages where a PAUSE hook holds the deployment until someone continues it.
    public var pauseStages: [String] {
        var stages: [String] = []
        for hook in lifecycleHooks where hook.targetType == "PAUSE" {
            for stage in hook.lifecycleStages where !stages.contains(stage) { stages.append(stage) }
        }
        return stages
    }
}

public struct ECSLifecycleHook: Sendable, Equatable {
    /// AWS_LAMBDA (the default) or PAUSE.
    public var targetType: String
    public var lifecycleStages: [String]
    public var timeoutMinutes: Int?
    /// CONTINUE or ROLLBACK: what ECS does when the hook times out.
    public var timeoutAction: String?

    init(_ json: JSONValue) {
        targetType = json["targetType"]?.string ?? "AWS_LAMBDA"
        lifecycleStages = json["lifecycleStages"]?.strings ?? []
        timeoutMinutes = json["timeoutConfiguration"]?["timeoutInMinutes"]?.int
        timeoutAction = json["timeoutConfiguration"]?["action"]?.string
    }
}
