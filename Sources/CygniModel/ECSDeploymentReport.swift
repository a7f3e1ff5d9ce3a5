import Foundation

/// What ECS says of a deployment it runs itself (strategy BLUE_GREEN, LINEAR or CANARY), kept
/// as ECS words it next to the rollout's own phase and split: an on-call who knows ECS wants to
/// see `PRODUCTION_TRAFFIC_SHIFT`, the hook waiting, the monitors, not only "shifting".
public struct ECSDeploymentReport: Equatable, Sendable, Codable {
    /// A production shift of the plan: the new revision's percent after it, and how long it bakes.
    public struct Shift: Equatable, Sendable, Codable {
        public var percent: Double
        public var bakeMinutes: Int

        public init(percent: Double, bakeMinutes: Int) {
            self.percent = percent
            self.bakeMinutes = bakeMinutes
        }
    }

    /// One service revision's part: the one traffic leaves (source) or the one it moves to (target).
    public struct Revision: Equatable, Sendable, Codable {
        public enum Role: String, Equatable, Sendable, Codable {
            case source, target
        }

        public var role: Role
        public var arn: String
        public var version: String
        /// Percent of production and test traffic ECS asked for, 0...100.
        public var productionWeight: Double
        public var testWeight: Double
        public var runningTasks: Int
        public var requestedTasks: Int
        public var pendingTasks: Int

        public init(
            role: Role, arn: String, version: String, productionWeight: Double, testWeight: Double,
            runningTasks: Int, requestedTasks: Int, pendingTasks: Int
        ) {
            self.role = role
            self.arn = arn
            self.version = version
            self.productionWeight = productionWeight
            self.testWeight = testWeight
            self.runningTasks = runningTasks
            self.requestedTasks = requestedTasks
            self.pendingTasks = pendingTasks
        }
    }

    /// A lifecycle hook of the current stage.
    public struct Hook: Equatable, Sendable, Codable {
        public var id: String
        /// AWS_LAMBDA or PAUSE.
        public var targetType: String
        /// AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT.
        public var status: String
        public var expiresAt: Date?
        /// What ECS does when the hook expires: CONTINUE or ROLLBACK.
        public var timeoutAction: String?

        public init(id: String, targetType: String, status: String, expiresAt: Date?, timeoutAction: String?) {
            self.id = id
            self.targetType = targetType
            self.status = status
            self.expiresAt = expiresAt
            self.timeoutAction = timeoutAction
        }

        /// A PAUSE hook holding the deployment until it is continued or rolled back.
        public var isAwaitingAction: Bool { targetType == "PAUSE" && status == "AWAITING_ACTION" }
    }

    /// The circuit breaker or the CloudWatch alarms, as the deployment watches them.
    public struct Monitor: Equatable, Sendable, Codable {
        /// TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.
        public var status: String
        public var failureCount: Int?
        public var threshold: Int?
        public var alarmNames: [String]
        public var triggeredAlarmNames: [String]

        public init(status: String, failureCount: Int? = nil, threshold: Int? = nil, alarmNames: [String] = [], triggeredAlarmNames: [String] = []) {
            self.status = status
            self.failureCount = failureCount
            self.threshold = threshold
            self.alarmNames = alarmNames
            self.triggeredAlarmNames = triggeredAlarmNames
        }
    }

    public struct Rollback: Equatable, Sendable, Codable {
        public var reason: String?
        public var startedAt: Date?
        public var revisionARN: String?

        public init(reason: String?, startedAt: Date?, revisionARN: String?) {
            self.reason = reason
            self.startedAt = startedAt
            self.revisionARN = revisionARN
        }
    }

    public var arn: String
    /// BLUE_GREEN, LINEAR or CANARY.
    public var strategy: String
    /// As ECS says it: IN_PROGRESS, ROLLBACK_REQUESTED, SUCCESSFUL...
    public var status: String
    public var statusReason: String?
    /// As ECS says it: PRODUCTION_TRAFFIC_SHIFT, BAKE_TIME...
    public var lifecycleStage: String?
    public var plan: [Shift]
    public var revisions: [Revision]
    public var hooks: [Hook]
    /// The stages where a PAUSE hook of the configuration holds the deployment; empty when none
    /// does, and then nothing can pause it.
    public var pauseStages: [String]
    public var circuitBreaker: Monitor?
    public var alarms: Monitor?
    public var rollback: Rollback?

    public init(
        arn: String, strategy: String, status: String, statusReason: String?, lifecycleStage: String?, plan: [Shift],
        revisions: [Revision], hooks: [Hook], pauseStages: [String], circuitBreaker: Monitor?, alarms: Monitor?, rollback: Rollback?
    ) {
        self.arn = arn
        self.strategy = strategy
        self.status = status
        self.statusReason = statusReason
        self.lifecycleStage = lifecycleStage
        self.plan = plan
        self.revisions = revisions
        self.hooks = hooks
        self.pauseStages = pauseStages
        self.circuitBreaker = circuitBreaker
        self.alarms = alarms
        self.rollback = rollback
    }

    /// The PAUSE hook holding the deployment now, if one is.
    public var waitingHook: Hook? { hooks.first(where: \.isAwaitingAction) }

    public func revision(_ role: Revision.Role) -> Revision? { revisions.first { $0.role == role } }

    /// A share of traffic as ECS gives it: whole percents plainly, others to a tenth ("2.5%").
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "?%" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }
}
