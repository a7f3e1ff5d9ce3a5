import CygniModel
import Foundation

/// `"ecsDeployment"` in `cx status --json`, for a rollout ECS runs itself: ECS's words for where
/// it is, the plan, each revision's requested traffic and tasks, its hooks (with the seconds
/// left before one awaiting action expires), the circuit breaker, the alarms and the rollback.
/// Field names follow ECS's API where there is one; absent values are written as null.
public struct ECSDeploymentStatus: Encodable, Equatable, Sendable {
    public struct Hook: Encodable, Equatable, Sendable {
        public var hookId: String
        public var targetType: String
        public var status: String
        public var expiresAt: JSONNullable<Date>
        /// Seconds until it expires (negative once past), null without an expiry.
        public var expiresInSeconds: JSONNullable<Int>
        public var timeoutAction: JSONNullable<String>
    }

    /// As ECS's ServiceDeploymentCircuitBreaker.
    public struct CircuitBreaker: Encodable, Equatable, Sendable {
        public var status: String
        public var failureCount: JSONNullable<Int>
        public var threshold: JSONNullable<Int>
    }

    /// As ECS's ServiceDeploymentAlarms.
    public struct Alarms: Encodable, Equatable, Sendable {
        public var status: String
        public var alarmNames: [String]
        public var triggeredAlarmNames: [String]
    }

    public struct Rollback: Encodable, Equatable, Sendable {
        public var reason: JSONNullable<String>
        public var startedAt: JSONNullable<Date>
        public var serviceRevisionArn: JSONNullable<String>
    }

    public var serviceDeploymentArn: String
    public var strategy: String
    public var status: String
    public var statusReason: JSONNullable<String>
    public var lifecycleStage: JSONNullable<String>
    /// As the report holds them: `{"percent", "bakeMinutes"}`.
    public var plan: [ECSDeploymentReport.Shift]
    /// As the report holds them: `{"role", "arn", "version", "productionWeight", "testWeight",
    /// "runningTasks", "requestedTasks", "pendingTasks"}`.
    public var revisions: [ECSDeploymentReport.Revision]
    public var hooks: [Hook]
    public var pauseStages: [String]
    public var circuitBreaker: JSONNullable<CircuitBreaker>
    public var alarms: JSONNullable<Alarms>
    public var rollback: JSONNullable<Rollback>

    public init(_ report: ECSDeploymentReport, now: Date) {
        serviceDeploymentArn = report.arn
        strategy = report.strategy
        status = report.status
        statusReason = JSONNullable(report.statusReason)
        lifecycleStage = JSONNullable(report.lifecycleStage)
        plan = report.plan
        revisions = report.revisions
        hooks = report.hooks.map { hook in
            Hook(
                hookId: hook.id, targetType: hook.targetType, status: hook.status, expiresAt: JSONNullable(hook.expiresAt),
                expiresInSeconds: JSONNullable(hook.expiresAt.map { Int($0.timeIntervalSince(now).rounded(.down)) }),
                timeoutAction: JSONNullable(hook.timeoutAction))
        }
        pauseStages = report.pauseStages
        circuitBreaker = JSONNullable(report.circuitBreaker.map {
            CircuitBreaker(status: $0.status, failureCount: JSONNullable($0.failureCount), threshold: JSONNullable($0.threshold))
        })
        alarms = JSONNullable(report.alarms.map { Alarms(status: $0.status, alarmNames: $0.alarmNames, triggeredAlarmNames: $0.triggeredAlarmNames) })
        rollback = JSONNullable(report.rollback.map {
            Rollback(reason: JSONNullable($0.reason), startedAt: JSONNullable($0.startedAt), serviceRevisionArn: JSONNullable($0.revisionARN))
        })
    }
}
