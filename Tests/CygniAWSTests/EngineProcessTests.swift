import CygniControlPlane
import Foundation
import Testing

@testable import CygniAWS

/// The real `cygnid serve --aws` on moto, through the fault proxy's request log: `kill -9` mid
/// bake and a restart that carries on without writing an earlier weight again, and two
/// replicas on PostgreSQL sharing twenty rollouts, one killed and the other taking over.
@Suite(.serialized) struct EngineProcessTests {
    /// A proxy of this suite's own: its request log is read, and no other suite's faults reach it.
    static let proxy = FaultProxy()

    /// A blue/green that switches as soon as green is healthy, then bakes at 100% for `bake`.
    static func deploy(_ cygnid: CygnidOnAWS, _ fixture: EngineServiceFixture, bake: String) async throws -> String {
        let body = #"{"service": "\#(fixture.serviceKey)", "image": "registry.example.com/checkout:2.0.0", "strategy": "blueGreen", "bake": "\#(bake)", "rollbackWindow": 0, "analysis": {"thresholds": null}}"#
        let answer = try await cygnid.send("POST", "/v1/rollouts", body: body, key: UUID().uuidString)
        #expect(answer.status == 201, "deploy answered \(answer.status): \(answer.json)")
        return try #require((answer.json["rollout"] as? [String: Any])?["id"] as? String)
    }

    static func phase(_ cygnid: CygnidOnAWS, _ id: String) async throws -> String {
        try await cygnid.send("GET", "/v1/rollouts/\(id)").json["phase"] as? String ?? ""
    }

    static func waitFor(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// The ModifyListener calls that named this listener, from the proxy's log.
    static func listenerWrites(_ fixture: EngineServiceFixture) async throws -> [String] {
        let listenerID = fixture.balancer.listener.split(separator: "/").last.map(String.init) ?? fixture.balancer.listener
        return try await proxy.requests().compactMap { $0["body"]?.string }
            .filter { $0.contains("Action=ModifyListener") && $0.contains(listenerID) }
    }

    /// The proxy with its request log emptied: the log keeps only so many requests, and the
    /// twenty rollouts' test alone can fill it.
    static func freshProxy() async throws -> String {
        try await proxy.reset()
        return try await proxy.endpoint()
    }

    /// A database of its own on the test run's PostgreSQL, and its URL for `--store`.
    static func freshPostgres() async throws -> (location: StoreLocation, url: String) {
        guard let url = ProcessInfo.processInfo.environment["CYGNI_POSTGRES_URL"] else {
            throw EngineTestFailure("CYGNI_POSTGRES_URL is not set: run scripts/test")
        }
        let location = try await EngineStore.postgres.fresh()
        guard case .postgres(let database) = location, var components = URLComponents(string: url) else { throw EngineTestFailure("no database") }
        components.path = "/\(database.database)"
        return (location, try #require(components.string))
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    @Test func killNineMidBakeThenARestartCarriesOnWithoutWritingAWeightAgain() async throws {
        let region = "eu-central-2"
        let fixture = try await EngineServiceFixture.make(region: region)
        let proxy = try await Self.freshProxy()
        let store = "sqlite:" + Self.temporary("cygnid-kill") + ".sqlite"
        let secret = Self.temporary("jwt-secret")
        let first = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "first")
        let id = try await Self.deploy(first, fixture, bake: "8s")
        #expect(try await Self.waitFor(20) { try await fixture.weights() == [0, 100] }, "\(first.output)")
        #expect(try await Self.phase(first, id) == "promoting")
        first.killNine()
        #expect(try await Self.listenerWrites(fixture).count == 1, "one write: the switch to green")

        // Another process on the same store takes the rollout once the dead one's lease expires.
        let second = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "second")
        #expect(try await Self.waitFor(30) { try await Self.phase(second, id) == "succeeded" }, "\(second.output)")
        #expect(try await Self.listenerWrites(fixture).count == 1, "the restart wrote no weight again")
        #expect(try await fixture.weights() == [0, 100])
        // The old set goes in the write after the rollout's last decision.
        #expect(try await Self.waitFor(10) {
            let sets = try await fixture.taskSets().filter { $0.status != "DRAINING" }
            return sets.count == 1 && sets.first?.status == "PRIMARY" && sets.first?.id != fixture.stable.id
        }, "the new set is primary and the old one deleted")
        #expect(await second.terminate() == 0, "SIGTERM drains and exits 0")
    }

    /// The requests of one ECS operation (`ContinueServiceDeployment`) in the proxy's log.
    static func ecsCalls(_ operation: String) async throws -> [String] {
        try await proxy.requests().filter { $0["target"]?.string == "AmazonEC2ContainerServiceV20141113.\(operation)" }.compactMap { $0["body"]?.string }
    }

    /// On a BLUE_GREEN service ECS deploys itself, held by a PAUSE hook before its shift: cygnid
    /// continues the hook, is killed before ECS finishes, and the next process carries the
    /// rollout to its end without starting or continuing anything again.
    @Test func killNineWhileECSFinishesThenARestartAsksECSForNothingAgain() async throws {
        let region = "ap-south-1"
        let fixture = try await ServiceDeploymentFixture.make(region: region, configuration: [
            "strategy": "BLUE_GREEN", "bakeTimeInMinutes": 0, "lifecycleHooks": [ServiceDeploymentFixture.pauseBeforeShifts()],
        ])
        try await fixture.balancer.registerTargets(4)
        try await fixture.stageSeconds(5)
        let proxy = try await Self.freshProxy()
        let store = "sqlite:" + Self.temporary("cygnid-kill-ecs") + ".sqlite"
        let secret = Self.temporary("jwt-secret")
        let first = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "first")
        let body = #"{"service": "\#(fixture.cluster)/\#(fixture.service)", "image": "registry.example.com:5000/checkout:2.0.0", "analysis": {"thresholds": null}}"#
        let answer = try await first.send("POST", "/v1/rollouts", body: body, key: UUID().uuidString)
        #expect(answer.status == 201, "deploy answered \(answer.status): \(answer.json)")
        let id = try #require((answer.json["rollout"] as? [String: Any])?["id"] as? String)

        // ECS's clock moves until cygnid has let the shift happen and green has the traffic.
        let shifted = try await Self.waitFor(60) {
            try await fixture.advance(5)
            return try await fixture.listenerWeights() == [0, 100]
        }
        #expect(shifted, "green never got the traffic:\n\(first.output)")
        first.killNine()
        #expect(try await Self.ecsCalls("UpdateService").count == 1)
        #expect(try await Self.ecsCalls("ContinueServiceDeployment").count == 1)

        let second = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "second")
        let finished = try await Self.waitFor(60) {
            try await fixture.advance(5)
            return try await Self.phase(second, id) == "succeeded"
        }
        let seen = try await second.send("GET", "/v1/rollouts/\(id)").json
        let deployment = try await fixture.deployment()
        #expect(finished, "\(seen["phase"] ?? "") \(seen["reason"] ?? "") \(seen["events"] ?? ""); ECS \(deployment)\n\(second.output)")
        #expect(deployment.status == "SUCCESSFUL", "\(deployment)")
        #expect(try await Self.ecsCalls("UpdateService").count == 1, "the deployment was started once")
        #expect(try await Self.ecsCalls("ContinueServiceDeployment").count == 1, "the hook was continued once")
        #expect(await second.terminate() == 0)
    }

    @Test func twoReplicasShareTwentyRolloutsAndTheSurvivorTakesOverTheDeadOnesWithinTheLease() async throws {
        let region = "ap-northeast-3"
        var fixtures: [EngineServiceFixture] = []
        for _ in 0..<20 { fixtures.append(try await EngineServiceFixture.make(region: region)) }
        let proxy = try await Self.freshProxy()
        let (location, store) = try await Self.freshPostgres()
        let secret = Self.temporary("jwt-secret")
        let a = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "replica-a")
        let b = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "replica-b")
        var ids: [String] = []
        for (index, fixture) in fixtures.enumerated() { ids.append(try await Self.deploy(index % 2 == 0 ? a : b, fixture, bake: "20s")) }

        let reader = try await location.open(logger: .init(label: "test"))
        func owners() async throws -> [String: String] {
            Dictionary(uniqueKeysWithValues: try await reader.rollouts(limit: 100).map { ($0.id, $0.lease?.owner ?? "") })
        }
        #expect(Set(try await owners().values) == ["replica-a", "replica-b"], "each replica drives the rollouts it admitted")
        let killed = try await owners().filter { $0.value == "replica-a" }.map(\.key)
        a.killNine()
        let started = ContinuousClock.now
        let tookOver = try await Self.waitFor(8) { try await owners().values.allSatisfy { $0 == "replica-b" } }
        let failover = ContinuousClock.now - started
        #expect(tookOver, "replica-b took \(killed.count) rollouts within TTL + 5 s")
        print("failover: \(killed.count) rollouts taken over \(failover) after the owner was killed (lease TTL 3 s)")

        #expect(try await Self.waitFor(60) {
            var done = 0
            for id in ids where try await Self.phase(b, id) == "succeeded" { done += 1 }
            return done == ids.count
        }, "\(b.output)")
        for fixture in fixtures {
            #expect(try await Self.listenerWrites(fixture).count == 1, "each listener switched exactly once, by one replica")
            #expect(try await fixture.weights() == [0, 100])
        }
        try await reader.close()
        #expect(await b.terminate() == 0)
    }

    @Test func aCommandSentToTheReplicaThatDoesNotDriveTheRolloutIsCarriedOutByTheOneThatDoes() async throws {
        let region = "ap-southeast-4"
        let fixture = try await EngineServiceFixture.make(region: region)
        let proxy = try await Self.freshProxy()
        let (location, store) = try await Self.freshPostgres()
        let secret = Self.temporary("jwt-secret")
        let owner = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "owner")
        let other = try await CygnidOnAWS(region: region, endpoint: proxy, store: store, secretPath: secret, replica: "other")
        let id = try await Self.deploy(owner, fixture, bake: "60s")
        #expect(try await Self.waitFor(20) { try await fixture.weights() == [0, 100] }, "\(owner.output)")
        // The replica that admitted the deploy drives it; the rollback goes to the other one.
        let key = UUID().uuidString
        let body = #"{"action": "rollback", "reason": "sent to the replica that does not drive it"}"#
        let started = ContinuousClock.now
        let answer = try await other.send("POST", "/v1/rollouts/\(id)/commands", body: body, key: key)
        let answeredIn = ContinuousClock.now - started
        #expect(answer.status == 200, "\(answer.json)\n\(other.output)")
        #expect((answer.json["command"] as? [String: Any])?["accepted"] as? Bool == true, "\(answer.json)")
        #expect(answeredIn < .seconds(5), "answered within a round or two of the owner, not a lease: \(answeredIn)")
        #expect(try await Self.waitFor(10) { try await fixture.weights() == [100, 0] }, "the owner moved traffic back to stable")
        #expect(try await Self.waitFor(10) { try await Self.phase(other, id) == "rolledBack" })

        // The same key again, at either replica: the first answer, nothing done twice.
        let replay = try await owner.send("POST", "/v1/rollouts/\(id)/commands", body: body, key: key)
        #expect(replay.status == 200)
        #expect((replay.json["command"] as? [String: Any])?["id"] as? Int == (answer.json["command"] as? [String: Any])?["id"] as? Int)
        let reader = try await location.open(logger: .init(label: "test"))
        let rollbacks = try await reader.audit(after: 0, limit: 100).filter { $0.draft.action == "rollback" && $0.draft.actor == "alice" }
        #expect(rollbacks.count == 1, "one audit entry for the command: \(rollbacks)")
        let writes = try await Self.listenerWrites(fixture)
        #expect(writes.count == 2, "the switch to green, then the rollback: \(writes)")
        try await reader.close()
        #expect(await owner.terminate() == 0)
        #expect(await other.terminate() == 0)
    }
}
