import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The rounds' service reads on moto, counted by the fault proxy: services asked for together
/// are described ten to a call, each asker gets its own, and one ECS does not know gets nil.
@Suite struct ServiceDescriptionsTests {
    static let proxy = FaultProxy()

    @Test func twelveAskersTogetherCostTwoCallsAndEachGetsItsOwn() async throws {
        let setup = try await motoClient(region: "us-west-1")
        let ecs = ECSClient(setup)
        let cluster = uniqueName("prod")
        _ = try await ecs.createCluster(name: cluster)
        let definition = try await ecs.registerTaskDefinition([
            "family": .string(uniqueName("web")), "networkMode": "bridge",
            "containerDefinitions": [["name": "web", "image": "registry.example.com/web:1", "memory": 512, "essential": true]],
        ])
        let names = (0..<12).map { _ in uniqueName("svc") }
        for name in names {
            _ = try await ecs.createService([
                "cluster": .string(cluster), "serviceName": .string(name), "taskDefinition": .string(definition.arn), "desiredCount": 0,
            ])
        }

        let proxy = Self.proxy
        try await proxy.reset()
        let descriptions = ServiceDescriptions(client: try await motoClient(region: "us-west-1", endpoint: try await proxy.endpoint()))
        let asked = names + ["not-a-service"]
        let answers = try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for name in asked {
                group.addTask { (name, try await descriptions.describe(cluster: cluster, service: name)?.name) }
            }
            return try await group.reduce(into: [String: String?]()) { $0[$1.0] = $1.1 }
        }
        for name in names { #expect(answers[name] == .some(name), "\(name) got \(String(describing: answers[name]))") }
        #expect(answers["not-a-service"] == .some(nil))
        let calls = try await proxy.requests().filter { $0["target"]?.string?.hasSuffix(".DescribeServices") == true }
        #expect(calls.count == 2, "13 services in one cluster are two calls of at most ten, not \(calls.count)")
    }
}
