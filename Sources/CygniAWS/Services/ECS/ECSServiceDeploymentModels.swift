import Foundation

/// One entry of ListServiceDeployments.
public struct ECSServiceDeploymentBrief: Sendable, Equatable {
    public var arn: String
    public var status: String
    public var statusReason: String?
    public var targetRevisionARN: String?
    public var createdAt: Date?
    public var startedAt: Date?
    public var finishedAt: Date?

    init(_ json: JSONValue) {
        arn = json["serviceDeploymentArn"]?.string ?? ""
        status = json["status"]?.string ?? ""
        statusReason = json["statusReason"]?.string
        targetRevisionARN = json["targetServiceRevisionArn"]?.string
        createdAt = json["createdAt"]?.date
        startedAt = json["startedAt"]?.date
        finishedAt = json["finishedAt"]?.date
    }
}

/// A service deployment as DescribeServiceDeployments tells it: where ECS is in it, the
/// revisions it moves traffic between, its hooks, monitors and rollback.
public struct ECSServiceDeployment: Sendable, Equatable {
    public var arn: String
    public var serviceARN: String
    public var clusterARN: String
    /// PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED,
    /// ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED.
    public var status: String
    public var statusReason: String?
    /// RECONCILE_SERVICE, PRE_SCALE_UP, SCALE_UP, ... BAKE_TIME, CLEAN_UP.
    public var lifecycleStage: String?
    public var sourceRevisions: [ECSServiceRevisionSummary]
    public var targetRevision: ECSServiceRevisionSummary?
    public var hooks: [ECSLifecycleHookDetail]
    public var configuration: ECSDeploymentConfiguration?
    public var rollback: ECSDeploymentRollback?
    public var circuitBreaker: ECSRollbackMonitor?
    public var alarms: ECSRollbackMonitor?
    public var createdAt: Date?
    public var startedAt: Date?
    public var updatedAt: Date?
    public var finishedAt: Date?
    public var stoppedAt: Date?

    /// The statuses of a deployment ECS is still working on.
    public static let activeStatuses = ["PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS"]

    public var isActive: Bool { Self.activeStatuses.contains(status) }

    /// The last part of the ARN, which names the deployment within its service.
    public var id: String { arn.split(separator: "/").last.map(String.init) ?? arn }

    init(_ json: JSONValue) {
        arn = json["serviceDeploymentArn"]?.string ?? ""
        serviceARN = json["serviceArn"]?.string ?? ""
        clusterARN = json["clusterArn"]?.string ?? ""
        status = json["status"]?.string ?? ""
        statusReason = json["statusReason"]?.string
        lifecycleStage = json["lifecycleStage"]?.string
        sourceRevisions = json["sourceServiceRevisions"]?.array.map(ECSServiceRevisionSummary.init) ?? []
        targetRevision = json["targetServiceRevision"].map(ECSServiceRevisionSummary.init)
        hooks = json["lifecycleHookDetails"]?.array.map(ECSLifecycleHookDetail.init) ?? []
        configuration = json["deploymentConfiguration"].map(ECSDeploymentConfiguration.init)
        rollback = json["rollback"].map(ECSDeploymentRollback.init)
        circuitBreaker = json["deploymentCircuitBreaker"].map(ECSRollbackMonitor.init)
        alarms = json["alarms"].map(ECSRollbackMonitor.init)
        createdAt = json["createdAt"]?.date
        startedAt = json["startedAt"]?.date
        updatedAt = json["updatedAt"]?.date
        finishedAt = json["finishedAt"]?.date
        stoppedAt = json["stoppedAt"]?.date
    }
}

/// A revision's part in a deployment: its tasks and the traffic ECS asked for it.
public struct ECSServiceRevisionSummary: Sendable, Equatable {
    public var arn: String
    public var requestedTaskCount: Int
    public var runningTaskCount: Int
    public var pendingTaskCount: Int
    /// Percent, 0...100.
    public var productionTrafficWeight: Double
    public var testTrafficWeight: Double

    init(_ json: JSONValue) {
        arn = json["arn"]?.string ?? ""
        requestedTaskCount = json["requestedTaskCount"]?.int ?? 0
        runningTaskCount = json["runningTaskCount"]?.int ?? 0
        pendingTaskCount = json["pendingTaskCount"]?.int ?? 0
        productionTrafficWeight = json["requestedProductionTrafficWeight"]?.double ?? 0
        testTrafficWeight = json["requestedTestTrafficWeight"]?.double ?? 0
    }
}

/// A lifecycle hook ECS ran or is running in a deployment.
public struct ECSLifecycleHookDetail: Sendable, Equatable {
    public var hookID: String
    /// AWS_LAMBDA or PAUSE.
    public var targetType: String
    /// AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT.
    public var status: String
    public var expiresAt: Date?
    /// CONTINUE or ROLLBACK.
    public var timeoutAction: String?

    /// A PAUSE hook holding the deployment until someone continues it or rolls it back.
    public var isAwaitingAction: Bool { targetType == "PAUSE" && status == "AWAITING_ACTION" }

    init(_ json: JSONValue) {
        hookID = json["hookId"]?.string ?? ""
        targetType = json["targetType"]?.string ?? ""
        status = json["status"]?.string ?? ""
        expiresAt = json["expiresAt"]?.date
        timeoutAction = json["timeoutAction"]?.string
    }
}

public struct ECSDeploymentRollback: Sendable, Equatable {
    public var reason: String?
    public var startedAt: Date?
    public var revisionARN: String?

    init(_ json: JSONValue) {
        reason = json["reason"]?.string
        startedAt = json["startedAt"]?.date
        revisionARN = json["serviceRevisionArn"]?.string
    }
}

/// The circuit breaker or the alarms as a deployment watches them.
public struct ECSRollbackMonitor: Sendable, Equatable {
    /// TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.
    public var status: String
    public var failureCount: Int?
    public var threshold: Int?
    public var alarmNames: [String]
    public var triggeredAlarmNames: [String]

    init(_ json: JSONValue) {
        status = json["status"]?.string ?? ""
        failureCount = json["failureCount"]?.int
        threshold = json["threshold"]?.int
        alarmNames = json["alarmNames"]?.strings ?? []
        triggeredAlarmNames = json["triggeredAlarmNames"]?.strings ?? []
    }
}

/// What a service ran at one time: its task definition and images (DescribeServiceRevisions).
public struct ECSServiceRevision: Sendable, Equatable {
    public var arn: String
    public var taskDefinition: String
    public var images: [String]
    /// The target groups ECS resolved for this revision (the blue or the green one).
    public var targetGroupARNs: [String]
    public var createdAt: Date?

    init(_ json: JSONValue) {
        arn = json["serviceRevisionArn"]?.string ?? ""
        taskDefinition = json["taskDefinition"]?.string ?? ""
        images = json["containerImages"]?.array.compactMap { $0["image"]?.string } ?? []
        targetGroupARNs = json["resolvedConfiguration"]?["loadBalancers"]?.array.compactMap { $0["targetGroupArn"]?.string } ?? []
        createdAt = json["createdAt"]?.date
    }
}

/// How StopServiceDeployment stops a deployment.
public enum ECSStopType: String, Sendable {
    /// Back to the previous service revision.
    case rollback = "ROLLBACK"
    case abort = "ABORT"
}

/// What ContinueServiceDeployment tells a paused hook.
public enum ECSHookAction: String, Sendable {
    case `continue` = "CONTINUE"
    case rollback = "ROLLBACK"
}
