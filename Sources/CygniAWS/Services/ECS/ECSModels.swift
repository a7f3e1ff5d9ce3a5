import Foundation

/// An ECS service with its deployments (ECS controller) or task sets (CODE_DEPLOY / EXTERNAL).
public struct ECSService: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var clusterARN: String
    public var status: String
    public var taskDefinition: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int
    public var launchType: String?
    /// ECS, CODE_DEPLOY or EXTERNAL.
    public var deploymentController: String
    /// How ECS deploys the service (its strategy, bake times, hooks), when it says.
    public var deploymentConfiguration: ECSDeploymentConfiguration?
    public var deployments: [ECSDeployment]
    public var taskSets: [ECSTaskSet]
    public var loadBalancers: [ECSLoadBalancer]
    public var events: [ECSServiceEvent]

    init(_ json: JSONValue) {
        arn = json["serviceArn"]?.string ?? ""
        name = json["serviceName"]?.string ?? ""
        clusterARN = json["clusterArn"]?.string ?? ""
        status = json["status"]?.string ?? ""
        taskDefinition = json["taskDefinition"]?.string ?? ""
        desiredCount = json["desiredCount"]?.int ?? 0
        runningCount = json["runningCount"]?.int ?? 0
        pendingCount = json["pendingCount"]?.int ?? 0
        launchType = json["launchType"]?.string
        deploymentController = json["deploymentController"]?["type"]?.string ?? "ECS"
        deploymentConfiguration = json["deploymentConfiguration"].map(ECSDeploymentConfiguration.init)
        deployments = json["deployments"]?.array.map(ECSDeployment.init) ?? []
        taskSets = json["taskSets"]?.array.map(ECSTaskSet.init) ?? []
        loadBalancers = json["loadBalancers"]?.array.map(ECSLoadBalancer.init) ?? []
        events = json["events"]?.array.map(ECSServiceEvent.init) ?? []
    }
}

public struct ECSDeployment: Sendable, Equatable {
    public var id: String
    /// PRIMARY, ACTIVE or INACTIVE.
    public var status: String
    public var taskDefinition: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int
    public var failedTasks: Int
    /// IN_PROGRESS, COMPLETED or FAILED.
    public var rolloutState: String?
    public var rolloutStateReason: String?
    public var createdAt: Date?
    public var updatedAt: Date?

    init(_ json: JSONValue) {
        id = json["id"]?.string ?? ""
        status = json["status"]?.string ?? ""
        taskDefinition = json["taskDefinition"]?.string ?? ""
        desiredCount = json["desiredCount"]?.int ?? 0
        runningCount = json["runningCount"]?.int ?? 0
        pendingCount = json["pendingCount"]?.int ?? 0
        failedTasks = json["failedTasks"]?.int ?? 0
        rolloutState = json["rolloutState"]?.string
        rolloutStateReason = json["rolloutStateReason"]?.string
        createdAt = json["createdAt"]?.date
        updatedAt = json["updatedAt"]?.date
    }
}

public struct ECSTaskSet: Sendable, Equatable {
    public var id: String
    public var arn: String
    /// PRIMARY, ACTIVE or DRAINING.
    public var status: String
    public var taskDefinition: String
    public var externalID: String?
    /// Percent of the service's desired count.
    public var scale: Double
    public var computedDesiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int
    /// STEADY_STATE or STABILIZING.
    public var stabilityStatus: String?
    public var loadBalancers: [ECSLoadBalancer]
    public var createdAt: Date?
    public var updatedAt: Date?
    /// Where its tasks run, as a new task set beside it must run too.
    public var placement: TaskSetPlacement

    init(_ json: JSONValue) {
        placement = TaskSetPlacement(json)
        id = json["id"]?.string ?? ""
        arn = json["taskSetArn"]?.string ?? ""
        status = json["status"]?.string ?? ""
        taskDefinition = json["taskDefinition"]?.string ?? ""
        externalID = json["externalId"]?.string
        scale = json["scale"]?["value"]?.double ?? 0
        computedDesiredCount = json["computedDesiredCount"]?.int ?? 0
        runningCount = json["runningCount"]?.int ?? 0
        pendingCount = json["pendingCount"]?.int ?? 0
        stabilityStatus = json["stabilityStatus"]?.string
        loadBalancers = json["loadBalancers"]?.array.map(ECSLoadBalancer.init) ?? []
        createdAt = json["createdAt"]?.date
        updatedAt = json["updatedAt"]?.date
    }
}

/// How a task set's tasks are placed: launch type or capacity providers, platform version, and
/// the awsvpc network configuration. Kept as ECS gives them, to be passed on unchanged.
public struct TaskSetPlacement: Sendable, Equatable, Codable {
    public var launchType: String?
    public var platformVersion: String?
    public var networkConfiguration: JSONValue?
    public var capacityProviderStrategy: JSONValue?

    public init(launchType: String? = nil, platformVersion: String? = nil, networkConfiguration: JSONValue? = nil, capacityProviderStrategy: JSONValue? = nil) {
        self.launchType = launchType
        self.platformVersion = platformVersion
        self.networkConfiguration = networkConfiguration
        self.capacityProviderStrategy = capacityProviderStrategy
    }

    init(_ json: JSONValue) {
        launchType = json["launchType"]?.string
        platformVersion = json["platformVersion"]?.string
        networkConfiguration = json["networkConfiguration"]
        // A launch type and a capacity provider strategy exclude each other; ECS reports both
        // for some sets, and the strategy is what placed them.
        capacityProviderStrategy = json["capacityProviderStrategy"].flatMap { $0.array.isEmpty ? nil : $0 }
        if capacityProviderStrategy != nil { launchType = nil }
    }

    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        if let launchType { fields["launchType"] = .string(launchType) }
        if let platformVersion { fields["platformVersion"] = .string(platformVersion) }
        if let networkConfiguration { fields["networkConfiguration"] = networkConfiguration }
        if let capacityProviderStrategy { fields["capacityProviderStrategy"] = capacityProviderStrategy }
        return fields
    }
}

public struct ECSLoadBalancer: Sendable, Equatable {
    public var targetGroupARN: String?
    public var containerName: String?
    public var containerPort: Int?
    /// The other target group of a service ECS deploys blue/green itself (its
    /// advancedConfiguration); ECS moves production traffic between the two.
    public var alternateTargetGroupARN: String?

    public init(targetGroupARN: String?, containerName: String?, containerPort: Int?) {
        self.targetGroupARN = targetGroupARN
        self.containerName = containerName
        self.containerPort = containerPort
    }

    init(_ json: JSONValue) {
        targetGroupARN = json["targetGroupArn"]?.string
        containerName = json["containerName"]?.string
        containerPort = json["containerPort"]?.int
        alternateTargetGroupARN = json["advancedConfiguration"]?["alternateTargetGroupArn"]?.string
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [:]
        if let targetGroupARN { fields["targetGroupArn"] = .string(targetGroupARN) }
        if let containerName { fields["containerName"] = .string(containerName) }
        if let containerPort { fields["containerPort"] = .number(Double(containerPort)) }
        return .object(fields)
    }
}

public struct ECSServiceEvent: Sendable, Equatable {
    public var id: String
    public var createdAt: Date?
    public var message: String

    init(_ json: JSONValue) {
        id = json["id"]?.string ?? ""
        createdAt = json["createdAt"]?.date
        message = json["message"]?.string ?? ""
    }
}

public struct ECSTask: Sendable, Equatable {
    public var arn: String
    public var taskDefinition: String
    public var lastStatus: String
    public var desiredStatus: String
    public var group: String?
    public var startedBy: String?
    public var startedAt: Date?
    public var stoppedAt: Date?
    /// As ECS says it, e.g. `OutOfMemoryError: Container killed due to memory usage`.
    public var stoppedReason: String?
    public var stopCode: String?
    public var containers: [ECSContainer]

    init(_ json: JSONValue) {
        arn = json["taskArn"]?.string ?? ""
        taskDefinition = json["taskDefinitionArn"]?.string ?? ""
        lastStatus = json["lastStatus"]?.string ?? ""
        desiredStatus = json["desiredStatus"]?.string ?? ""
        group = json["group"]?.string
        startedBy = json["startedBy"]?.string
        startedAt = json["startedAt"]?.date
        stoppedAt = json["stoppedAt"]?.date
        stoppedReason = json["stoppedReason"]?.string
        stopCode = json["stopCode"]?.string
        containers = json["containers"]?.array.map(ECSContainer.init) ?? []
    }
}

public struct ECSContainer: Sendable, Equatable {
    public var name: String
    public var lastStatus: String?
    public var exitCode: Int?
    public var reason: String?
    public var image: String?

    init(_ json: JSONValue) {
        name = json["name"]?.string ?? ""
        lastStatus = json["lastStatus"]?.string
        exitCode = json["exitCode"]?.int
        reason = json["reason"]?.string
        image = json["image"]?.string
    }
}

public struct ECSTaskDefinition: Sendable, Equatable {
    public var arn: String
    public var family: String
    public var revision: Int
    public var cpu: String?
    public var memory: String?
    public var networkMode: String?
    public var requiresCompatibilities: [String]
    /// CPU architecture from runtimePlatform (X86_64 or ARM64), nil when unset.
    public var cpuArchitecture: String?
    public var containers: [(name: String, image: String)]
    /// The CloudWatch Logs groups of containers that log with the awslogs driver.
    public var logGroups: [String]

    init(_ json: JSONValue) {
        arn = json["taskDefinitionArn"]?.string ?? ""
        family = json["family"]?.string ?? ""
        revision = json["revision"]?.int ?? 0
        cpu = json["cpu"]?.string
        memory = json["memory"]?.string
        networkMode = json["networkMode"]?.string
        requiresCompatibilities = json["requiresCompatibilities"]?.strings ?? []
        cpuArchitecture = json["runtimePlatform"]?["cpuArchitecture"]?.string
        containers = json["containerDefinitions"]?.array.map { ($0["name"]?.string ?? "", $0["image"]?.string ?? "") } ?? []
        var groups: [String] = []
        for container in json["containerDefinitions"]?.array ?? [] where container["logConfiguration"]?["logDriver"]?.string == "awslogs" {
            if let group = container["logConfiguration"]?["options"]?["awslogs-group"]?.string, !groups.contains(group) { groups.append(group) }
        }
        logGroups = groups
    }

    public static func == (lhs: ECSTaskDefinition, rhs: ECSTaskDefinition) -> Bool {
        lhs.arn == rhs.arn && lhs.family == rhs.family && lhs.revision == rhs.revision && lhs.cpu == rhs.cpu
            && lhs.memory == rhs.memory && lhs.networkMode == rhs.networkMode
            && lhs.requiresCompatibilities == rhs.requiresCompatibilities && lhs.cpuArchitecture == rhs.cpuArchitecture
            && lhs.containers.map(\.name) == rhs.containers.map(\.name) && lhs.containers.map(\.image) == rhs.containers.map(\.image)
            && lhs.logGroups == rhs.logGroups
    }
}
