import Foundation
import Testing

/// `cygnid serve --store postgres://...` as a process: an acknowledged rollback survives
/// `kill -9` of the server (the answer was committed to PostgreSQL before the client heard it),
/// `audit verify` reads the chain from the same database, and a replica's event streams carry
/// what another replica logged at once.
@Suite(.serialized) struct CygnidPostgresProcessTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first (swift build --product cygnid) or set CYGNID_BINARY; looked at \(CygnidProcess.binary)")
    }

    @Test func anAcknowledgedRollbackSurvivesKill9OnPostgres() async throws {
        let fixture = try await StoreFixture.fresh(.postgres)
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let serve = ["--sandbox", "--scenario", "canary-pass", "--speed", "30", "--store", fixture.storeArgument]

        let first = try CygnidProcess(serve: serve, stateHome: home)
        try await first.waitUntilListening()
        let token = try await CygnidProcess.token("operator", subject: "olive", stateHome: home)
        let list = try await first.send("GET", "/v1/rollouts?active=true", token: token)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")
        let body = #"{"action":"rollback","reason":"before the crash"}"#
        let acknowledged = try await first.send("POST", "/v1/rollouts/\(id)/commands", token: token, headers: [("Idempotency-Key", "pg-crash-1")], body: body)
        #expect(acknowledged.status == 200, "\(acknowledged.text)")
        #expect(await first.stop(with: SIGKILL) == 128 + SIGKILL)

        let second = try CygnidProcess(serve: serve, stateHome: home)
        try await second.waitUntilListening()
        let replay = try await second.send("POST", "/v1/rollouts/\(id)/commands", token: token, headers: [("Idempotency-Key", "pg-crash-1")], body: body)
        #expect(replay.status == 200)
        #expect(replay.body == acknowledged.body, "the first answer, byte for byte")
        let rolledBack = try await eventually {
            let reply = try await second.send("GET", "/v1/rollouts/\(id)", token: token)
            return reply.json?["phase"] as? String == "rolledBack"
        }
        #expect(rolledBack)
        #expect(await second.stop(with: SIGTERM) == 0, "SIGTERM must drain and exit 0:\n\(second.output)")

        let verified = await CygnidProcess.run(["audit", "verify", "--store", fixture.storeArgument], stateHome: home)
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("audit chain intact"), "\(verified.output)")

        try await fixture.execute("UPDATE audit SET outcome = 'refused' WHERE seq = (SELECT MIN(seq) FROM audit WHERE actor = 'olive')")
        let caught = await CygnidProcess.run(["audit", "verify", "--store", fixture.storeArgument], stateHome: home)
        #expect(caught.status == 1, "\(caught.output)")
        #expect(caught.output.contains("audit chain broken at entry"), "\(caught.output)")
    }

    @Test func aStreamOnOneReplicaCarriesACommandAnotherReplicaLoggedAtOnce() async throws {
        let fixture = try await StoreFixture.fresh(.postgres)
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // The default keep-alive (15 s): only the other replica's notice can bring the event in time.
        let serve = ["--sandbox", "--scenario", "canary-pass", "--speed", "1", "--store", fixture.storeArgument]
        let a = try CygnidProcess(serve: serve, stateHome: home)
        try await a.waitUntilListening()
        let b = try CygnidProcess(serve: serve, stateHome: home)
        try await b.waitUntilListening()
        let token = try await CygnidProcess.token("operator", subject: "olive", stateHome: home)
        let list = try await a.send("GET", "/v1/rollouts?active=true", token: token)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")

        let port = b.port
        let reading = Task {
            try await EventStreamClient.read(port: port, token: token, lastEventID: nil, seconds: 10) { reading in
                reading.events.contains { $0.type == "command" }
            }
        }
        // The stream is open once its first keep-alive or event could arrive; give it a moment.
        try await Task.sleep(for: .milliseconds(500))
        let sent = ContinuousClock.now
        let paused = try await a.send("POST", "/v1/rollouts/\(id)/commands", token: token, headers: [("Idempotency-Key", "pg-stream-1")], body: #"{"action":"pause"}"#)
        #expect(paused.status == 200, "\(paused.text)")
        let events = try await reading.value
        let arrived = ContinuousClock.now - sent
        #expect(events.events.contains { $0.type == "command" && $0.data.contains("\"pause\"") }, "\(events.raw)")
        #expect(arrived < .seconds(3), "the command reached the other replica's stream after \(arrived)")
        #expect(await a.stop(with: SIGTERM) == 0)
        #expect(await b.stop(with: SIGTERM) == 0)
    }
}
