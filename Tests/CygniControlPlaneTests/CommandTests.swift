import Foundation
import Testing

/// Commands over real HTTP: committed, carried out on the sandbox world, exactly once per key.
@Suite struct CommandTests {
    @Test func rollbackIsCarriedOutAndTheRolloutEndsRolledBack() async throws {
        // At 20x the scenario's canary takes a minute or more to succeed by itself, room for a loaded
        // machine to reach the command first; its rollback is done in seconds.
        let server = try await TestServer.start(speed: 20)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let token = try await server.token(.operator, subject: "olive")
        let reply = try await server.command(id, #"{"action":"rollback","reason":"p99 up"}"#, key: "rb-1", token: token)
        #expect(reply.status == 200, "\(reply.text)")
        let command = try #require(reply.json?["command"] as? [String: Any])
        #expect(command["accepted"] as? Bool == true)
        #expect(command["action"] as? String == "rollback")
        let ended = try await eventually(within: 30) { try await server.rollout(id)["phase"] as? String == "rolledBack" }
        let phase = try await server.rollout(id)["phase"] as? String
        #expect(ended, "the rollout never reached rolledBack: \(phase ?? "?")")
        let traffic = try await server.rollout(id)["traffic"] as? [String: Int]
        #expect(traffic == ["stable": 100, "canary": 0])

        let entry = try #require(try await server.auditEntries().last { $0["actor"] as? String == "olive" })
        #expect(entry["action"] as? String == "rollback")
        #expect(entry["outcome"] as? String == "accepted")
        #expect(entry["reason"] as? String == "p99 up")
        #expect(entry["rolloutId"] as? String == id)

        // The rollout has ended: another command is refused by the world, as a 409, and audited.
        let late = try await server.command(id, #"{"action":"abort"}"#, key: "ab-1", token: token)
        #expect(late.status == 409)
        #expect(late.errorMessage?.contains("already rolledBack") == true, "\(late.text)")
        try await server.stop()
    }

    @Test func idempotencyKeyGivesTheFirstAnswerAgainAndRefusesAnotherBody() async throws {
        let server = try await TestServer.start(speed: 1)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let token = try await server.token(.operator)
        let first = try await server.command(id, #"{"action":"pause","reason":"look"}"#, key: "same", token: token)
        #expect(first.status == 200, "\(first.text)")
        // Keys are the caller's: the same key in other JSON spelling of the same request is a replay.
        let again = try await server.command(id, #"{ "reason": "look", "action": "pause" }"#, key: "same", token: token)
        #expect(again.status == first.status)
        #expect(again.body == first.body)
        let other = try await server.command(id, #"{"action":"abort"}"#, key: "same", token: token)
        #expect(other.status == 422)
        #expect(other.errorCode == "idempotency_key_reused")
        let commands = try await server.auditEntries().filter { $0["actor"] as? String == "alice" }
        #expect(commands.count == 1, "one command carried out, not \(commands.count)")
        try await server.stop()
    }

    @Test func badInputIsA400Or422NamingTheFieldNeverA500() async throws {
        let server = try await TestServer.start(speed: 1)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let token = try await server.token(.admin)
        let cases: [(body: String, key: String?, status: Int, mentions: String)] = [
            (#"{"action":"rollback"}"#, nil, 400, "Idempotency-Key"),
            (#"{"action":"rollback"}"#, "has space", 400, "Idempotency-Key"),
            ("not json", "k1", 400, "not JSON"),
            ("[1,2]", "k2", 400, "JSON object"),
            (#"{}"#, "k3", 422, "action is required"),
            (#"{"action":"explode"}"#, "k4", 422, "action \"explode\" is not one of"),
            (#"{"action":7}"#, "k5", 422, "action must be a string"),
            (#"{"action":"pause","reason":5}"#, "k6", 422, "reason must be a string"),
            (#"{"action":"pause","reason":"\u001b[2J"}"#, "k7", 422, "reason must not contain control characters"),
            (#"{"action":"pause","force":true}"#, "k8", 422, "unknown field \"force\""),
            (#"{"action":"pause","reason":"\#(String(repeating: "x", count: 501))"}"#, "k9", 422, "reason is longer than 500"),
            (#"{"action":"pause","reason":"\#(String(repeating: "x", count: 20_000))"}"#, "k10", 413, "larger than 16384 bytes"),
        ]
        for (body, key, status, mentions) in cases {
            let headers = key.map { [("Idempotency-Key", $0)] } ?? []
            let reply = try await server.send("POST", "/v1/rollouts/\(id)/commands", token: token, headers: headers, body: body)
            #expect(reply.status == status, "\(body.prefix(60)): \(reply.text)")
            #expect(reply.errorMessage?.contains(mentions) == true, "\(body.prefix(60)): wanted \(mentions), got \(reply.text)")
        }
        let unknown = try await server.command("rl-nope", #"{"action":"pause"}"#, key: "k11", token: token)
        #expect(unknown.status == 404)
        #expect(unknown.errorMessage == "no rollout \"rl-nope\"")
        let noRoute = try await server.send("GET", "/v1/nothing", token: token)
        #expect(noRoute.status == 404)
        #expect(noRoute.errorCode == "not_found")
        // Nothing above was carried out.
        #expect(try await server.auditEntries().allSatisfy { $0["actor"] as? String != "alice" })
        try await server.stop()
    }
}
