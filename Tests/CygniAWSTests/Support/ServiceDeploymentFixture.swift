import Foundation
import Testing

@testable import CygniAWS

/// A service ECS deploys itself (strategy BLUE_GREEN, LINEAR or CANARY) in the extended moto
/// (scripts/moto/): version 1.4.2 running behind an ALB listener whose production traffic ECS
/// moves between a blue and a green target group (the load balancer's advancedConfiguration).
/// `deploy()` starts the deployment of 1.5.0; the deployment moves only when `advance` moves the
/// service's clock in moto.
struct ServiceDeploymentFixture {
    let client: AWSClient
    let endpoint: String
    let region: String
    let balancer: LoadBalancerFixture
    let cluster: String
    let service: String
    let stable: ECSTaskDefinition
    let canary: ECSTaskDefinition

    static func canary(region: String, percent: Double = 10, bakeMinutes: Int = 10, finalBake: Int = 15, hooks: [JSONValue] = []) async throws -> Self {
        try await make(region: region, configuration: [
            "strategy": "CANARY", "bakeTimeInMinutes": .number(Double(finalBake)), "lifecycleHooks": .array(hooks),
            "canaryConfiguration": ["canaryPercent": .number(percent), "canaryBakeTimeInMinutes": .number(Double(bakeMinutes))],
        ])
    }

    static func linear(region: String, stepPercent: Double, stepBake: Int, finalBake: Int) async throws -> Self {
        try await make(region: region, configuration: [
            "strategy": "LINEAR", "bakeTimeInMinutes": .number(Double(finalBake)),
            "linearConfiguration": ["stepPercent": .number(stepPercent), "stepBakeTimeInMinutes": .number(Double(stepBake))],
        ])
    }

    /// A PAUSE hook before each production shift, rolling back when it expires.
    static func pauseBeforeShifts(minutes: Int = 30, action: String = "ROLLBACK") -> JSONValue {
        ["targetType": "PAUSE", "lifecycleStages": ["PRE_PRODUCTION_TRAFFIC_SHIFT"], "timeoutConfiguration": ["timeoutInMinutes": .number(Double(minutes)), "action": .string(action)]]
    }

    static func make(region: String, configuration: JSONValue) async throws -> Self {
        let session = try await MotoHarness.shared.session()
        let balancer = try await LoadBalancerFixture.make(region: region)
        let client = try await motoClient(region: region)
        let ecs = ECSClient(client)
        let cluster = uniqueName("prod")
        let service = uniqueName("checkout")
        _ = try await ecs.createCluster(name: cluster)
        func definition(_ version: String) async throws -> ECSTaskDefinition {
            try await ecs.registerTaskDefinition([
                "family": .string(service), "networkMode": "bridge",
                "containerDefinitions": [["name": "web", "image": .string("registry.example.com:5000/checkout:\(version)"), "memory": 256]],
            ])
        }
        let stable = try await definition("1.4.2")
        let canary = try await definition("1.5.0")
        _ = try await ecs.createService([
            "cluster": .string(cluster), "serviceName": .string(service), "taskDefinition": .string(stable.arn), "desiredCount": 4,
            "deploymentConfiguration": configuration,
            "loadBalancers": [[
                "targetGroupArn": .string(balancer.blue), "containerName": "web", "containerPort": 80,
                "advancedConfiguration": [
                    "alternateTargetGroupArn": .string(balancer.green), "productionListenerRule": .string(balancer.listener),
                    "roleArn": "arn:aws:iam::123456789012:role/ecs-infrastructure",
                ],
            ]],
        ])
        return Self(client: client, endpoint: session.endpoint, region: region, balancer: balancer, cluster: cluster, service: service, stable: stable, canary: canary)
    }

    /// UpdateService to 1.5.0: ECS starts its deployment.
    func deploy() async throws {
        _ = try await ECSClient(client).updateService(cluster: cluster, service: service, taskDefinition: canary.arn)
    }

    /// Moves the service's clock in moto by `seconds`; its deployment goes through what falls due.
    /// Answers the service's clock after it.
    @discardableResult
    func advance(_ seconds: Double) async throws -> Date {
        try #require(try await control("advance", "seconds", seconds)["now"]?.date)
    }

    /// How long each of ECS's stages takes in deployments started from now on (60 s unless set).
    func stageSeconds(_ seconds: Double) async throws {
        _ = try await control("stage-seconds", "seconds", seconds)
    }

    /// `count` tasks of the new revision failed to start, as ECS's circuit breaker counts them.
    func failTasks(_ count: Int) async throws {
        _ = try await control("fail-tasks", "count", Double(count))
    }

    /// The test's hand on the service in moto (scripts/moto/control.py); its answer.
    private func control(_ route: String, _ field: String, _ value: Double) async throws -> JSONValue {
        let body = JSONValue.object(["region": .string(region), "cluster": .string(cluster), "service": .string(service), field: .number(value)])
        let response = try await HTTPTransport.curl.send(
            HTTPRequest(method: "POST", url: endpoint + "/__cygni__/ecs/" + route, headers: [("Content-Type", "application/json")], body: body.serialized), .default)
        try #require(response.status == 200, "\(route) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        return try JSONValue.parse(response.body)
    }

    /// The newest deployment, as ECS describes it.
    func deployment() async throws -> ECSServiceDeployment {
        let ecs = ECSClient(client)
        let newest = try #require(try await ecs.listServiceDeployments(cluster: cluster, service: service).first)
        return try #require(try await ecs.describeServiceDeployments([newest.arn]).first)
    }

    /// The listener's weights on the blue and the green group.
    func listenerWeights() async throws -> [Int] {
        try await balancer.elb.describeListeners(loadBalancerARN: balancer.loadBalancer).first?.weightedForward?.targetGroups.map(\.weight) ?? []
    }
}
