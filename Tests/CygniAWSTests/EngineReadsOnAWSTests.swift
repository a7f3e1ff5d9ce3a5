import CygniAWSProvider
import Foundation
import Testing

@testable import CygniAWS

/// What cygnid's rounds read on moto while a canary bakes, through the fault proxy: target
/// health at full cadence only around a change, the forward's weights by ARN every round, and
/// the minute's metrics kept when a command overtakes a round's reads.
@Suite(.serialized) struct EngineReadsOnAWSTests {
    static func count(_ requests: [JSONValue], _ operation: String) -> Int {
        requests.filter { request in
            request["target"]?.string?.hasSuffix(".\(operation)") == true || (request["body"]?.string ?? "").contains("Action=\(operation)&")
        }.count
    }

    /// A canary on moto behind the fault proxy, driven into its first bake, for `body` to go on with.
    static func withCanaryBaking(
        _ region: String, _ body: (FaultProxy, EngineServiceFixture, EngineServer, String, inout EngineOnAWSTests.Drive) async throws -> Void
    ) async throws {
        let proxy = FaultProxy()
        try await EngineOnAWSTests.withEngine(region, store: .sqlite, endpoint: try await proxy.endpoint()) { fixture, server in
            let id = try await EngineOnAWSTests.deploy(server, fixture)
            var drive = EngineOnAWSTests.Drive(fixture: fixture, server: server)
            _ = try await drive.rounds(30, until: { EngineOnAWSTests.phase($0) == "baking" }, id: id)
            try await body(proxy, fixture, server, id, &drive)
        }
    }

    @Test func aBakeReadsTargetHealthSlowlyAndTheWeightsEveryRound() async throws {
        try await Self.withCanaryBaking("eu-central-1") { proxy, fixture, server, id, drive in

            // Just after the weights moved: every round reads target health, both groups.
            try await proxy.reset()
            _ = try await drive.rounds(3, id: id)
            #expect(Self.count(try await proxy.requests(), "DescribeTargetHealth") == 6, "3 rounds within the settling time")

            // Past the settling time (120 s) nothing changes: no target health for rounds, while
            // the service and the forward (by ARN) are still read every round.
            _ = try await drive.rounds(3, id: id)
            try await proxy.reset()
            let rollout = try await drive.rounds(4, id: id)
            #expect(EngineOnAWSTests.phase(rollout) == "baking")
            let seen = try await proxy.requests()
            #expect(Self.count(seen, "DescribeTargetHealth") == 0, "a settled bake reads target health every 300 s")
            #expect(Self.count(seen, "DescribeServices") == 4)
            let listenerReads = seen.compactMap { $0["body"]?.string }.filter { $0.contains("Action=DescribeListeners&") }
            #expect(listenerReads.count == 4, "the weights are compared every round")
            #expect(listenerReads.allSatisfy { $0.contains("ListenerArns.member.1=") }, "by the listener's ARN, not every listener of the load balancer")
            #expect(Self.count(seen, "DescribeRules") == 0)

            // The next step: full cadence again, and the weights read back after they were written.
            try await proxy.reset()
            _ = try await drive.rounds(10, until: { ($0["traffic"] as? [String: Any])?["canary"] as? Int == 50 }, id: id)
            let stepped = try await proxy.requests()
            #expect(Self.count(stepped, "ModifyListener") == 1)
            // Written, then read back from the whole load balancer, not from a gathered read.
            let bodies = stepped.compactMap { $0["body"]?.string }
            let written = try #require(bodies.firstIndex { $0.contains("Action=ModifyListener&") })
            #expect(bodies[(written + 1)...].contains { $0.contains("Action=DescribeListeners&") && $0.contains("LoadBalancerArn=") })
            #expect(Self.count(stepped, "DescribeTargetHealth") >= 2, "the step's health gate reads target health")
            #expect(try await fixture.weights() == [50, 50])
        }
    }

    @Test func aRollbackWritesTheKnownForwardAfterOneReadThenFindsTheOthers() async throws {
        try await Self.withCanaryBaking("il-central-1") { proxy, fixture, server, id, drive in

            // A path rule forwarding to both groups, made by hand since cygnid found its forward.
            let balancer = fixture.balancer
            var rule = QueryParameters()
            rule["ListenerArn"] = balancer.listener
            rule["Priority"] = "5"
            rule["Conditions.member.1.Field"] = "path-pattern"
            rule["Conditions.member.1.Values.member.1"] = "/beta/*"
            ListenerAction(forward: [.init(targetGroupARN: balancer.blue, weight: 50), .init(targetGroupARN: balancer.green, weight: 50)])
                .encode(into: &rule, prefix: "Actions.member.1")
            let ruleARN = try #require(try await balancer.elb.call("CreateRule", rule, idempotent: false).descendant("RuleArn")?.text)

            try await proxy.reset()
            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "rollback", "reason": "latency"}"#, key: "rb-1", role: .operator)
            #expect(answer.status == 200, "\(answer.json)")
            let bodies = try await proxy.requests().compactMap { $0["body"]?.string }.filter { $0.contains("Action=DescribeListeners&") || $0.contains("Action=DescribeRules&") || $0.contains("Action=Modify") }
            let actions = bodies.map { $0.components(separatedBy: "&").first { $0.hasPrefix("Action=") } ?? "" }
            #expect(actions.prefix(2) == ["Action=DescribeListeners", "Action=ModifyListener"], "\(actions)")
            #expect(bodies.first?.contains("ListenerArns.member.1=") == true, "the known forward read by ARN: \(bodies.first ?? "")")
            #expect(actions.dropFirst(2).contains("Action=ModifyRule"), "the rule found afterwards is moved too: \(actions)")
            #expect(try await fixture.weights() == [100, 0], "traffic was on stable when the answer came")
            let moved = try await balancer.elb.describeRules(arns: [ruleARN]).first?.actions.first?.targetGroups.map(\.weight)
            #expect(moved == [100, 0])
        }
    }

    @Test func theMetricsOfARoundWhoseReadACommandOvertookStillReachTheEngine() async throws {
        try await Self.withCanaryBaking("af-south-1") { proxy, fixture, server, id, drive in

            // A minute unlike the others on the canary's side (660 requests, 11 a second), read
            // by the next round: the clock moves just past its end.
            let minute = MetricMinutes.floor(server.clock.now).addingTimeInterval(60)
            try await fixture.publish(group: fixture.balancer.blue, minute: minute, requests: 1_200, errors: 1)
            try await fixture.publish(group: fixture.balancer.green, minute: minute, requests: 660, errors: 0)
            server.clock.advance(minute.addingTimeInterval(61).timeIntervalSince(server.clock.now))

            // The round's first read of the service hangs at the proxy; an operator pauses meanwhile.
            try await proxy.queue("slow:8 when DescribeServices")
            let roundDone = Flag()
            let round = Task {
                try await server.tick()
                roundDone.set()
            }
            let deadline = ContinuousClock.now + .seconds(8)
            while try await proxy.pendingFaults() > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await proxy.pendingFaults() == 0, "the round never reached its service read")
            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "pause", "reason": "a look"}"#, key: "pause-1", role: .operator)
            #expect(answer.status == 200, "\(answer.json)")
            #expect(!roundDone.isSet, "the pause waited for the round's reads")
            try await round.value

            // The read was dropped, its minute was not: the engine has the canary's 11 a second.
            let rollout = try await server.rollout(id)
            #expect(EngineOnAWSTests.phase(rollout) == "paused")
            let sides = rollout["sides"] as? [[String: Any]] ?? []
            let canary = sides.first { $0["role"] as? String == "canary" }
            #expect(canary?["requestsPerSecond"] as? Double == 11, "canary side: \(canary ?? [:])")
            let stable = sides.first { $0["role"] as? String == "stable" }
            #expect(stable?["requestsPerSecond"] as? Double == 20, "stable side: \(stable ?? [:])")
        }
    }
}
