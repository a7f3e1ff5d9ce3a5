import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The rounds' reads of stopped tasks on moto, counted by the fault proxy: task sets of one
/// cluster asking together cost one ListTasks of the cluster and one DescribeTasks of what is
/// new; each set gets its own tasks, and a task already described is not described again.
@Suite struct StoppedTasksTests {
    static let proxy = FaultProxy()

    static func calls(_ operation: String) async throws -> Int {
        try await proxy.requests().filter { $0["target"]?.string?.hasSuffix(".\(operation)") == true }.count
    }

    @Test func setsOfOneClusterAskingTogetherCostOneListingAndEachGetsItsOwn() async throws {
        let region = "ap-northeast-1"
        let setup = try await motoClient(region: region)
        let ecs = ECSClient(setup)
        let cluster = uniqueName("prod")
        _ = try await ecs.createCluster(name: cluster)
        let definition = try await ecs.registerTaskDefinition([
            "family": .string(uniqueName("web")), "networkMode": "bridge",
            "containerDefinitions": [["name": "web", "image": "registry.example.com/web:1", "memory": 512, "essential": true]],
        ])
        // Task-set IDs as ECS writes them into their tasks' startedBy; one more starter that is no rollout's.
        let sets = (0..<4).map { "ecs-svc/\(100_000 + $0)\(Int.random(in: 1000...9999))" }
        let stops = [sets[0]: 2, sets[1]: 1, sets[2]: 0, sets[3]: 3, "batch-job": 2]
        for (startedBy, count) in stops where count > 0 {
            for index in 0..<count {
                let run = try await setup.send(.awsJSON(.ecs, "RunTask", [
                    "cluster": .string(cluster), "taskDefinition": .string(definition.arn), "startedBy": .string(startedBy), "launchType": "FARGATE", "count": 1,
                ], idempotent: false))
                let task = try #require(try JSONValue.parse(run.body)["tasks"]?.array.first?["taskArn"]?.string)
                _ = try await setup.send(.awsJSON(.ecs, "StopTask", [
                    "cluster": .string(cluster), "task": .string(task), "reason": .string("\(startedBy) stop \(index)"),
                ], idempotent: false))
            }
        }

        try await Self.proxy.reset()
        let stopped = StoppedTasks(client: try await motoClient(region: region, endpoint: try await Self.proxy.endpoint()))
        func askTogether() async throws -> [String: [String]] {
            try await withThrowingTaskGroup(of: (String, [String]).self) { group in
                for set in sets {
                    group.addTask { (set, try await stopped.stopped(cluster: cluster, startedBy: set).compactMap(\.stoppedReason).sorted()) }
                }
                return try await group.reduce(into: [String: [String]]()) { $0[$1.0] = $1.1 }
            }
        }
        let first = try await askTogether()
        for set in sets {
            #expect(first[set] == (0..<(stops[set] ?? 0)).map { "\(set) stop \($0)" }, "\(set) got \(first[set] ?? [])")
        }
        #expect(try await Self.calls("ListTasks") == 1, "four task sets of one cluster are one listing")
        #expect(try await Self.calls("DescribeTasks") == 1, "eight new stopped tasks are one DescribeTasks")

        try await Self.proxy.reset()
        let again = try await askTogether()
        #expect(again == first)
        #expect(try await Self.calls("ListTasks") == 1)
        #expect(try await Self.calls("DescribeTasks") == 0, "tasks described before are not described again")
    }
}
