import CygniControlPlane
import Foundation
import Testing

/// Tokens over real HTTP: every bad one a 401 and every role too small a 403, each saying what
/// is missing without the token, and each written to the audit chain.
@Suite struct AuthTests {
    @Test func badTokensAreRefusedWithReasonsAndAudited() async throws {
        let server = try await TestServer.start()
        let expired = try await Tokens.sign(secret: server.secret, role: .admin, ttl: 3_000, issuedAt: Date().addingTimeInterval(-7_200))
        let forged = try await Tokens.sign(secret: try Tokens.otherSecret(), role: .admin)
        let unsigned = Tokens.unsigned()
        let cases: [(token: String?, expected: String)] = [
            (nil, "missing bearer token"),
            (expired, "token expired"),
            (forged, "signature does not verify"),
            (unsigned, "algorithm \"none\" is not accepted"),
            ("not-a-jwt", "not a JWT"),
        ]
        for (token, expected) in cases {
            let reply = try await server.send("GET", "/v1/rollouts", token: token)
            #expect(reply.status == 401, "\(expected): \(reply.text)")
            #expect(reply.errorCode == "unauthorized")
            #expect(reply.errorMessage?.contains(expected) == true, "wanted \(expected), got \(reply.text)")
            if let token { #expect(!reply.text.contains(token), "the answer repeats the token") }
            #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        }
        let denials = try await server.auditEntries().filter { $0["outcome"] as? String == "denied" }
        #expect(denials.count == cases.count)
        #expect(denials.allSatisfy { ($0["detail"] as? String)?.hasPrefix("401") == true })
        // The expired token's signature verified, so its subject is named; the others are anyone's claim.
        #expect(denials.map { $0["actor"] as? String } == [nil, "alice", nil, nil, nil].map { $0 ?? "anonymous" })
        try await server.stop()
    }

    @Test func rolesAndEnvironmentsLimitWhatATokenMayDo() async throws {
        let server = try await TestServer.start()
        let rollout = try await server.activeRollout()
        let id = try #require(rollout["id"] as? String)
        let attempts: [(role: Role, environments: [String]?, body: String, message: String)] = [
            (.viewer, nil, #"{"action":"rollback"}"#, "role viewer may not rollback"),
            (.operator, nil, #"{"action":"promote"}"#, "role operator may not promote"),
            (.deployer, ["staging"], #"{"action":"rollback"}"#, "may not act in environment production"),
        ]
        for (index, attempt) in attempts.enumerated() {
            let token = try await server.token(attempt.role, subject: "user\(index)", environments: attempt.environments)
            let reply = try await server.command(id, attempt.body, key: "deny-\(index)", token: token)
            #expect(reply.status == 403, "\(attempt.message): \(reply.text)")
            #expect(reply.errorCode == "forbidden")
            #expect(reply.errorMessage?.contains(attempt.message) == true, "got \(reply.text)")
        }
        let audit = try await server.send("GET", "/v1/audit", token: try await server.token(.deployer, subject: "dora"))
        #expect(audit.status == 403)
        #expect(audit.errorMessage == "role deployer may not read the audit log")

        let entries = try await server.auditEntries().filter { $0["outcome"] as? String == "denied" }
        #expect(entries.map { $0["actor"] as? String } == ["user0", "user1", "user2", "dora"])
        #expect(entries.prefix(3).allSatisfy { $0["rolloutId"] as? String == id })
        // None of the denied commands reached the world.
        #expect(try await server.rollout(id)["phase"] as? String != "rollingBack")
        try await server.stop()
    }

    @Test func configuredAudienceAndIssuerAreRequired() async throws {
        let server = try await TestServer.start(audience: "cygni-prod", issuer: "https://id.example")
        let wrongAudience = try await Tokens.sign(secret: server.secret, role: .viewer, issuer: "https://id.example", audience: "other")
        let noIssuer = try await Tokens.sign(secret: server.secret, role: .viewer, audience: "cygni-prod")
        let good = try await Tokens.sign(secret: server.secret, role: .viewer, issuer: "https://id.example", audience: "cygni-prod")
        let audienceReply = try await server.send("GET", "/v1/rollouts", token: wrongAudience)
        #expect(audienceReply.status == 401)
        #expect(audienceReply.errorMessage == "token audience does not include cygni-prod")
        let issuerReply = try await server.send("GET", "/v1/rollouts", token: noIssuer)
        #expect(issuerReply.status == 401)
        #expect(issuerReply.errorMessage?.contains("no issuer") == true)
        #expect(try await server.send("GET", "/v1/rollouts", token: good).status == 200)
        try await server.stop()
    }
}
