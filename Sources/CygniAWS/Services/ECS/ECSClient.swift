import Foundation

/// The ECS operations rollouts need: read services, tasks and task definitions; move traffic
/// between task sets. Lists are followed to the end, up to `maxItems`.
public struct ECSClient: Sendable {
    public let client: AWSClient
    public var maxItems = 10_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, _ input: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        let response = try await client.send(.awsJSON(.ecs, operation, input, idempotent: idempotent))
        return try JSONResponse.document(response, operation: operation, service: .ecs)
    }

    private func list(_ operation: String, _ input: [String: JSONValue], key: String) async throws -> [String] {
        try await Pagination.collect(maxItems: maxItems) { token in
            var page = input
            if let token { page["nextToken"] = .string(token) }
            let output = try await call(operation, .object(page))
            return (output[key]?.strings ?? [], output["nextToken"]?.string)
        }
    }

    public func listClusters() async throws -> [String] {
        try await list("ListClusters", [:], key: "clusterArns")
    }

    public func listServices(cluster: String) async throws -> [String] {
        try await list("ListServices", ["cluster": .string(cluster), "maxResults": 100], key: "serviceArns")
    }

    /// Describes any number of services, ten per call as ECS allows. Names ECS could not find
    /// are left out (they come back as `failures`).
    public func describeServices(cluster: String, services: [String]) async throws -> [ECSService] {
        var result: [ECSService] = []
        for batch in services.chunked(10) {
            let output = try await call("DescribeServices", ["cluster": .string(cluster), "services": .array(batch.map(JSONValue.string))])
            result += output["services"]?.array.map(ECSService.init) ?? []
        }
        return result
    }

    public func listTasks(cluster: String, serviceName: String? = nil, startedBy: String? = nil, desiredStatus: String? = nil) async throws -> [String] {
        var input: [String: JSONValue] = ["cluster": .string(cluster), "maxResults": 100]
        if let serviceName { input["serviceName"] = .string(serviceName) }
        if let startedBy { input["startedBy"] = .string(startedBy) }
        if let desiredStatus { input["desiredStatus"] = .string(desiredStatus) }
        return try await list("ListTasks", input, key: "taskArns")
    }

    public func describeTasks(cluster: String, tasks: [String]) async throws -> [ECSTask] {
        var result: [ECSTask] = []
        for batch in tasks.chunked(100) {
            let output = try await call("DescribeTasks", ["cluster": .string(cluster), "tasks": .array(batch.map(JSONValue.string))])
            result += output["tasks"]?.array.map(ECSTask.init) ?? []
        }
        return result
    }

    public func describeTaskDefinition(_ taskDefinition: String) async throws -> ECSTaskDefinition {
        ECSTaskDefinition(try await taskDefinitionDocument(taskDefinition))
    }

    /// The task definition as ECS describes it, every field kept: what a new revision is made from.
    public func taskDefinitionDocument(_ taskDefinition: String) async throws -> JSONValue {
        let output = try await call("DescribeTaskDefinition", ["taskDefinition": .string(taskDefinition)])
        return output["taskDefinition"] ?? .object([:])
    }

    /// Sets the service's task definition and/or desired count; setting a state twice is
    /// harmless, so the call is retried like a read.
    public func updateService(
        cluster: String, service: String, taskDefinition: String? = nil, desiredCount: Int? = nil, forceNewDeployment: Bool = false
    ) async throws -> ECSService {
        var input: [String: JSONValue] = ["cluster": .string(cluster), "service": .string(service)]
        if let taskDefinition { input["taskDefinition"] = .string(taskDefinition) }
        if let desiredCount { input["desiredCount"] = .number(Double(desiredCount)) }
        if forceNewDeployment { input["forceNewDeployment"] = true }
        return ECSService(try await call("UpdateService", .object(input))["service"] ?? .object([:]))
    }

    /// Creates a task set. A client token makes a repeated call return the same set, so the
    /// call is safe to retry.
    public func createTaskSet(
        cluster: String, service: String, taskDefinition: String, externalID: String? = nil,
        loadBalancers: [ECSLoadBalancer] = [], scalePercent: Double = 100, launchType: String? = nil,
        placement: TaskSetPlacement = TaskSetPlacement(), clientToken: String = UUID().uuidString
    ) async throws -> ECSTaskSet {
        var input: [String: JSONValue] = [
            "cluster": .string(cluster), "service": .string(service), "taskDefinition": .string(taskDefinition),
            "scale": ["unit": "PERCENT", "value": .number(scalePercent)], "clientToken": .string(clientToken),
        ]
        input.merge(placement.fields) { _, placed in placed }
        if let externalID { input["externalId"] = .string(externalID) }
        if !loadBalancers.isEmpty { input["loadBalancers"] = .array(loadBalancers.map(\.json)) }
        if let launchType { input["launchType"] = .string(launchType) }
        return ECSTaskSet(try await call("CreateTaskSet", .object(input))["taskSet"] ?? .object([:]))
    }

    public func updateTaskSet(cluster: String, service: String, taskSet: String, scalePercent: Double) async throws -> ECSTaskSet {
        let input: JSONValue = [
            "cluster": .string(cluster), "service": .string(service), "taskSet": .string(taskSet),
            "scale": ["unit": "PERCENT", "value": .number(scalePercent)],
        ]
        return ECSTaskSet(try await call("UpdateTaskSet", input)["taskSet"] ?? .object([:]))
    }

    public func deleteTaskSet(cluster: String, service: String, taskSet: String, force: Bool = false) async throws -> ECSTaskSet {
        let input: JSONValue = ["cluster": .string(cluster), "service": .string(service), "taskSet": .string(taskSet), "force": .bool(force)]
        return ECSTaskSet(try await call("DeleteTaskSet", input)["taskSet"] ?? .object([:]))
    }

    public func describeTaskSets(cluster: String, service: String, taskSets: [String] = []) async throws -> [ECSTaskSet] {
        var input: [String: JSONValue] = ["cluster": .string(cluster), "service": .string(service)]
        if !taskSets.isEmpty { input["taskSets"] = .array(taskSets.map(JSONValue.string)) }
        return try await call("DescribeTaskSets", .object(input))["taskSets"]?.array.map(ECSTaskSet.init) ?? []
    }

    public func updateServicePrimaryTaskSet(cluster: String, service: String, primaryTaskSet: String) async throws -> ECSTaskSet {
        let input: JSONValue = ["cluster": .string(cluster), "service": .string(service), "primaryTaskSet": .string(primaryTaskSet)]
        return ECSTaskSet(try await call("UpdateServicePrimaryTaskSet", input)["taskSet"] ?? .object([:]))
    }

    // MARK: Setup calls, used by tests and the sandbox seeding of a real account.

    public func createCluster(name: String) async throws -> String {
        try await call("CreateCluster", ["clusterName": .string(name)], idempotent: true)["cluster"]?["clusterArn"]?.string ?? ""
    }

    /// Registers a task definition from its JSON input; each call makes a new revision.
    public func registerTaskDefinition(_ input: JSONValue) async throws -> ECSTaskDefinition {
        ECSTaskDefinition(try await call("RegisterTaskDefinition", input, idempotent: false)["taskDefinition"] ?? .object([:]))
    }

    /// Creates a service from its JSON input (add a clientToken to make it retry-safe).
    public func createService(_ input: JSONValue) async throws -> ECSService {
        ECSService(try await call("CreateService", input, idempotent: input["clientToken"] != nil)["service"] ?? .object([:]))
    }
}
