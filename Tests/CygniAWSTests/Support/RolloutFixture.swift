import Foundation
import Testing

@testable import CygniAWS

/// A canary under way in moto, shaped as Cygni's engine shapes one: an EXTERNAL ECS service
/// with a PRIMARY task set on the blue target group (version 1.4.2) and a newer ACTIVE one on
/// the green group (1.5.0), behind an ALB forwarding 90/10. (moto starts Fargate task sets only
/// from zero tasks, and needs container-level cpu and memory to do it.)
struct RolloutFixture {
    let client: AWSClient
    let balancer: LoadBalancerFixture
    let cluster: String
    let service: String
    let logGroup: String
    let stable: ECSTaskSet
    let canary: ECSTaskSet

    var rolloutID: String { "\(cluster)/\(service)/\(canary.id)" }

    static func canaryUnderWay(region: String, canaryWeight: Int = 10) async throws -> RolloutFixture {
        let balancer = try await LoadBalancerFixture.make(region: region)
        let client = try await motoClient(region: region)
        let ecs = ECSClient(client)
        let cluster = uniqueName("prod")
        let service = uniqueName("checkout")
        let logGroup = "/ecs/\(service)"
        _ = try await ecs.createCluster(name: cluster)
        func definition(_ version: String) async throws -> ECSTaskDefinition {
            try await ecs.registerTaskDefinition([
                "family": .string(service), "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                "containerDefinitions": [[
                    "name": "web", "image": .string("registry.example.com:5000/checkout:\(version)"), "cpu": 256, "memory": 512,
                    "logConfiguration": ["logDriver": "awslogs", "options": ["awslogs-group": .string(logGroup), "awslogs-region": .string(region)]],
                ]],
            ])
        }
        let old = try await definition("1.4.2")
        let new = try await definition("1.5.0")
        _ = try await ecs.createService([
            "cluster": .string(cluster), "serviceName": .string(service), "taskDefinition": .string(old.arn), "desiredCount": 4,
            "deploymentController": ["type": "EXTERNAL"],
        ])
        func taskSet(_ definition: ECSTaskDefinition, _ group: String) async throws -> ECSTaskSet {
            try await ecs.createTaskSet(
                cluster: cluster, service: service, taskDefinition: definition.arn,
                loadBalancers: [ECSLoadBalancer(targetGroupARN: group, containerName: "web", containerPort: 80)], scalePercent: 0, launchType: "FARGATE"
            )
        }
        let stable = try await taskSet(old, balancer.blue)
        _ = try await ecs.updateTaskSet(cluster: cluster, service: service, taskSet: stable.arn, scalePercent: 100)
        _ = try await ecs.updateServicePrimaryTaskSet(cluster: cluster, service: service, primaryTaskSet: stable.arn)
        let canary = try await taskSet(new, balancer.green)
        _ = try await balancer.elb.modifyListener(
            listenerARN: balancer.listener,
            defaultActions: [ListenerAction(forward: [.init(targetGroupARN: balancer.blue, weight: 100 - canaryWeight), .init(targetGroupARN: balancer.green, weight: canaryWeight)])]
        )
        return RolloutFixture(client: client, balancer: balancer, cluster: cluster, service: service, logGroup: logGroup, stable: stable, canary: canary)
    }

    func listenerWeights() async throws -> [Int] {
        try await balancer.elb.describeListeners(loadBalancerARN: balancer.loadBalancer).first?.weightedForward?.targetGroups.map(\.weight) ?? []
    }
}
