import CygniAWSProvider
import CygniControlPlane
import Foundation
import Testing

@testable import CygniAWS

/// cygnid's engine driving task-set rollouts on moto (signature checking on), through its
/// HTTP API, on a virtual clock: minutes of ALB metrics the test publishes for both target
/// groups, the listener weights read back at every round.
@Suite(.serialized) struct EngineOnAWSTests {
    /// A run of rounds: every 20 virtual seconds, the minute's metrics published before it is
    /// read, then one round; the weights after each round recorded.
    struct Drive {
        let fixture: EngineServiceFixture
        let server: EngineServer
        var weights: [[Int]] = []
        /// Requests and 5xx per minute on each side.
        var stable = (requests: 1_000, errors: 1)
        var canary = (requests: 400, errors: 0)

        mutating func rounds(_ count: Int, until done: ([String: Any]) -> Bool = { _ in false }, id: String) async throws -> [String: Any] {
            var rollout: [String: Any] = [:]
            if weights.isEmpty { weights.append(try await fixture.weights()) }
            for round in 0..<count {
                try await fixture.balancer.publishRound(round, at: server.clock.now, stable: stable, canary: canary, client: fixture.client)
                server.clock.advance(20)
                try await server.tick()
                let now = try await fixture.weights()
                if weights.last != now { weights.append(now) }
                rollout = try await server.rollout(id)
                if done(rollout) { return rollout }
            }
            return rollout
        }
    }

    static func deploy(_ server: EngineServer, _ fixture: EngineServiceFixture, extra: String = "") async throws -> String {
        let body = #"{"service": "\#(fixture.serviceKey)", "image": "registry.example.com/checkout:1.5.0", "strategy": "canary", "steps": [25, 50], "bake": "4m", "analysis": {"minimumSamples": 2}, "reason": "release 1.5.0"\#(extra)}"#
        let answer = try await server.send("POST", "/v1/rollouts", body: body, key: UUID().uuidString)
        #expect(answer.status == 201, "deploy answered \(answer.status): \(answer.json)")
        return try #require((answer.json["rollout"] as? [String: Any])?["id"] as? String)
    }

    static func phase(_ rollout: [String: Any]) -> String { rollout["phase"] as? String ?? "" }

    /// A prepared service and cygnid on it, for one test; cygnid drained and its store closed after.
    static func withEngine(
        _ region: String, store: EngineStore, endpoint: String? = nil, _ body: (EngineServiceFixture, EngineServer) async throws -> Void
    ) async throws {
        let fixture = try await EngineServiceFixture.make(region: region)
        let server = try await EngineServer.start(region: region, store: try await store.fresh(), clock: VirtualClock(), endpoint: endpoint)
        try await server.serving { try await body(fixture, server) }
    }

    @Test(arguments: EngineStore.allCases)
    func aHealthyCanaryGoesFromPostToSucceededThroughEveryStep(_ store: EngineStore) async throws {
        let region = "eu-north-1"
        try await Self.withEngine(region, store: store) { fixture, server in
            let id = try await Self.deploy(server, fixture)

            var drive = Drive(fixture: fixture, server: server)
            let rollout = try await drive.rounds(200, until: { Self.phase($0) == "succeeded" || Self.phase($0) == "rolledBack" }, id: id)
            #expect(Self.phase(rollout) == "succeeded", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            #expect(drive.weights == [[100, 0], [75, 25], [50, 50], [0, 100]], "weights seen: \(drive.weights)")

            // The new task set is primary and alone; the old one was deleted.
            let sets = try await fixture.taskSets().filter { $0.status != "DRAINING" }
            #expect(sets.count == 1)
            #expect(sets.first?.status == "PRIMARY")
            #expect(sets.first?.id != fixture.stable.id)
            #expect(sets.first?.loadBalancers.first?.targetGroupARN == fixture.balancer.green)

            // Each decision is in the audit chain, as the engine's.
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            let engineActions = audit.filter { $0["actor"] as? String == "engine" }.compactMap { $0["action"] as? String }
            #expect(engineActions.contains("provision"))
            #expect(engineActions.contains("shift"))
            #expect(engineActions.contains("succeed"))
            #expect(audit.contains { $0["action"] as? String == "deploy" && $0["actor"] as? String == "alice" })
        }
    }

    @Test func aCanaryWhoseGroupReturns5xxIsRolledBackOnItsOwnNamingTheMetric() async throws {
        let region = "eu-south-1"
        try await Self.withEngine(region, store: .sqlite) { fixture, server in
            let id = try await Self.deploy(server, fixture)

            var drive = Drive(fixture: fixture, server: server)
            drive.canary = (requests: 400, errors: 80)
            let rollout = try await drive.rounds(120, until: { Self.phase($0) == "rolledBack" || Self.phase($0) == "succeeded" }, id: id)
            #expect(Self.phase(rollout) == "rolledBack")
            let reason = rollout["reason"] as? String ?? ""
            // Whichever guard fires first names what it measured: the threshold check's success
            // rate, the judge's error rate, or the availability SLO the 5xx burn.
            #expect(["success rate", "error_rate", "availability"].contains { reason.contains($0) }, "reason: \(reason)")
            #expect(try await fixture.weights() == [100, 0])
            #expect(drive.weights.allSatisfy { $0[1] <= 25 }, "the canary never got past its first step: \(drive.weights)")
            let sets = try await fixture.taskSets().filter { $0.status != "DRAINING" }
            #expect(sets.map(\.id) == [fixture.stable.id], "only the stable set is left")
        }
    }

    @Test func anOOMKilledCanaryIsRolledBack() async throws {
        let region = "ca-central-1"
        try await Self.withEngine(region, store: .sqlite) { fixture, server in
            let id = try await Self.deploy(server, fixture)

            var drive = Drive(fixture: fixture, server: server)
            _ = try await drive.rounds(20, until: { Self.phase($0) == "baking" }, id: id)
            let canary = try #require(try await fixture.taskSets().first { $0.id != fixture.stable.id })
            for _ in 0..<3 { try await fixture.oomKill(taskSetID: canary.id) }
            let rollout = try await drive.rounds(10, until: { Self.phase($0) == "rolledBack" }, id: id)
            #expect(Self.phase(rollout) == "rolledBack")
            #expect((rollout["reason"] as? String ?? "").contains("crash-looping"), "reason: \(rollout["reason"] ?? "")")
            let events = (try await server.rollout(id))["events"] as? [[String: Any]] ?? []
            #expect(events.contains { ($0["message"] as? String ?? "").contains("OutOfMemoryError") })
            #expect(try await fixture.weights() == [100, 0])
        }
    }

    @Test func aDirectRollbackOnAWSMidBakeIsRecordedAndNotFought() async throws {
        let region = "ap-south-1"
        try await Self.withEngine(region, store: .sqlite) { fixture, server in
            let id = try await Self.deploy(server, fixture)

            var drive = Drive(fixture: fixture, server: server)
            _ = try await drive.rounds(30, until: { Self.phase($0) == "baking" }, id: id)
            #expect(try await fixture.weights() == [75, 25])
            // Break-glass, as `cx rollback --aws` does it: weights to stable, the canary set deleted.
            _ = try await fixture.balancer.elb.modifyListener(
                listenerARN: fixture.balancer.listener,
                defaultActions: [ListenerAction(forward: [.init(targetGroupARN: fixture.balancer.blue, weight: 100), .init(targetGroupARN: fixture.balancer.green, weight: 0)])])
            let canary = try #require(try await fixture.taskSets().first { $0.id != fixture.stable.id })
            _ = try await ECSClient(fixture.client).deleteTaskSet(cluster: fixture.cluster, service: fixture.service, taskSet: canary.arn, force: true)

            let rollout = try await drive.rounds(3, until: { Self.phase($0) == "rolledBack" }, id: id)
            #expect(Self.phase(rollout) == "rolledBack")
            #expect((rollout["reason"] as? String ?? "").contains("rolled back outside cygnid"))
            // Minutes later cygnid still has not moved traffic again.
            _ = try await drive.rounds(30, id: id)
            #expect(try await fixture.weights() == [100, 0])
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "outside-change" && $0["actor"] as? String == "outside" })
        }
    }

    @Test func anOperatorRollbackMovesTrafficBeforeAnswering() async throws {
        let region = "sa-east-1"
        try await Self.withEngine(region, store: .sqlite) { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            _ = try await drive.rounds(30, until: { Self.phase($0) == "baking" }, id: id)

            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "rollback", "reason": "latency"}"#, key: "rb-1", role: .operator)
            #expect(answer.status == 200, "\(answer.json)")
            #expect(try await fixture.weights() == [100, 0], "traffic was on stable when the answer came")
            let rollout = try await drive.rounds(10, until: { Self.phase($0) == "rolledBack" }, id: id)
            #expect(Self.phase(rollout) == "rolledBack")
            #expect(try await fixture.taskSets().filter { $0.status != "DRAINING" }.map(\.id) == [fixture.stable.id])
        }
    }

    @Test func aRollbackIsNotHeldUpByTheReadsOfARoundUnderWay() async throws {
        let region = "me-central-1"
        let proxy = FaultProxy()
        try await Self.withEngine(region, store: .sqlite, endpoint: try await proxy.endpoint()) { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            _ = try await drive.rounds(30, until: { Self.phase($0) == "baking" }, id: id)

            // The next round's first health read hangs for 20 s at the proxy.
            try await proxy.queue("slow:20 when Action=DescribeTargetHealth")
            let roundDone = Flag()
            let round = Task {
                try await server.tick()
                roundDone.set()
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while try await proxy.pendingFaults() > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await proxy.pendingFaults() == 0, "the round never reached its health read")
            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "rollback", "reason": "latency"}"#, key: "rb-slow", role: .operator)
            #expect(answer.status == 200, "\(answer.json)")
            #expect(!roundDone.isSet, "the rollback waited for the round's reads")
            #expect(try await fixture.weights() == [100, 0], "traffic was on stable when the answer came")
            try await round.value
            // The round's read, overtaken by the rollback, moved nothing back.
            let rollout = try await drive.rounds(10, until: { Self.phase($0) == "rolledBack" }, id: id)
            #expect(Self.phase(rollout) == "rolledBack")
            #expect(drive.weights.last == [100, 0])
        }
    }

    @Test func aSecondRolloutOfTheSameServiceIsAConflictAndBadServicesAreRefusedByName() async throws {
        let region = "eu-west-3"
        try await Self.withEngine(region, store: .sqlite) { fixture, server in
            _ = try await Self.deploy(server, fixture)
            let again = try await server.send(
                "POST", "/v1/rollouts", body: #"{"service": "\#(fixture.serviceKey)", "image": "registry.example.com/checkout:1.6.0"}"#, key: "second")
            #expect(again.status == 409)
            let missing = try await server.send("POST", "/v1/rollouts", body: #"{"service": "\#(fixture.cluster)/nope", "image": "x:1"}"#, key: "missing")
            #expect(missing.status == 422)
            #expect(((missing.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("nope was not found"))
            let rolling = try await server.send("POST", "/v1/rollouts", body: #"{"service": "a/b", "image": "x:1", "strategy": "rolling"}"#, key: "rolling")
            #expect(rolling.status == 422)
            #expect(((rolling.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("task sets cannot do"))
        }
    }
}
