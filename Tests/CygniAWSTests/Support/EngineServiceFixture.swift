import Foundation
import Testing

@testable import CygniAWS

/// An ECS service prepared as docs/control-plane.md asks, in moto: the EXTERNAL deployment
/// controller, a PRIMARY task set (checkout 1.4.2) on the blue target group, and a listener
/// forwarding 100/0 between blue and green. Both groups have `targets` registered (moto counts
/// every registered target healthy). Task definitions use bridge networking: moto starts tasks
/// for a task set only without awsvpc.
struct EngineServiceFixture {
    let client: AWSClient
    let region: String
    let balancer: LoadBalancerFixture
    let cluster: String
    let service: String
    let stable: ECSTaskSet

    var serviceKey: String { "\(cluster)/\(service)" }

    static func make(region: String, targets: Int = 4) async throws -> EngineServiceFixture {
        let balancer = try await LoadBalancerFixture.make(region: region)
        let client = try await motoClient(region: region)
        let ecs = ECSClient(client)
        let cluster = uniqueName("prod")
        let service = uniqueName("checkout")
        _ = try await ecs.createCluster(name: cluster)
        let definition = try await ecs.registerTaskDefinition([
            "family": .string(service), "networkMode": "bridge", "cpu": "256", "memory": "512",
            "containerDefinitions": [["name": "web", "image": "registry.example.com/checkout:1.4.2", "memory": 512, "essential": true]],
        ])
        _ = try await ecs.createService([
            "cluster": .string(cluster), "serviceName": .string(service), "taskDefinition": .string(definition.arn), "desiredCount": 4,
            "deploymentController": ["type": "EXTERNAL"],
        ])
        let stable = try await ecs.createTaskSet(
            cluster: cluster, service: service, taskDefinition: definition.arn,
            loadBalancers: [ECSLoadBalancer(targetGroupARN: balancer.blue, containerName: "web", containerPort: 80)], scalePercent: 0,
            launchType: "FARGATE")
        _ = try await ecs.updateTaskSet(cluster: cluster, service: service, taskSet: stable.arn, scalePercent: 100)
        _ = try await ecs.updateServicePrimaryTaskSet(cluster: cluster, service: service, primaryTaskSet: stable.arn)
        try await balancer.registerTargets(targets)
        return EngineServiceFixture(client: client, region: region, balancer: balancer, cluster: cluster, service: service, stable: stable)
    }

    /// [blue, green] weights of the listener's forward.
    func weights() async throws -> [Int] {
        try await balancer.elb.describeListeners(loadBalancerARN: balancer.loadBalancer).first?.weightedForward?.targetGroups.map(\.weight) ?? []
    }

    func taskSets() async throws -> [ECSTaskSet] {
        try await ECSClient(client).describeServices(cluster: cluster, services: [service]).first?.taskSets ?? []
    }

    /// One minute of ALB metrics for a group, as the load balancer would publish them.
    func publish(group: String, minute: Date, requests: Int, errors: Int, responseSeconds: Double = 0.05) async throws {
        try await balancer.publish(group: group, minute: minute, requests: requests, errors: errors, responseSeconds: responseSeconds, client: client)
    }

    /// A stopped task of the given task set, as ECS reports an OOM kill.
    func oomKill(taskSetID: String) async throws {
        let definition = try #require(try await taskSets().first { $0.id == taskSetID }?.taskDefinition)
        let run = try await client.send(.awsJSON(.ecs, "RunTask", [
            "cluster": .string(cluster), "taskDefinition": .string(definition), "startedBy": .string(taskSetID), "launchType": "FARGATE", "count": 1,
        ], idempotent: false))
        let task = try #require(try JSONValue.parse(run.body)["tasks"]?.array.first?["taskArn"]?.string)
        _ = try await client.send(.awsJSON(.ecs, "StopTask", [
            "cluster": .string(cluster), "task": .string(task), "reason": "OutOfMemoryError: Container killed due to memory usage",
        ], idempotent: false))
    }
}
