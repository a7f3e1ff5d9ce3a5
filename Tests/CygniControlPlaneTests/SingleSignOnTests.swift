import CygniControlPlane
import Foundation
import JWTKit
import Testing

/// Tokens from an identity provider's JWKS (single sign-on) over real HTTP: the provider serves
/// its keys on loopback, the server fetches them, and every bad token is a 401 (every role too
/// small a 403) with a JSON error that says what is wrong without the token, each audited.
@Suite struct SingleSignOnTests {
    @Test func badProviderTokensAreRefusedWithReasonsAndAudited() async throws {
        let provider = try await IdentityProvider.start()
        let server = try await TestServer.start(trusting: provider)
        let now = Date()
        let stranger = try await SigningKey.rsa(kid: provider.rsa.kid)
        let cases: [(name: String, token: String?, message: String, actor: String)] = [
            ("missing", nil, "missing bearer token", "anonymous"),
            ("expired beyond the leeway",
             try await provider.token(subject: "old", issuedAt: now.addingTimeInterval(-3_700), ttl: 3_600),
             "token expired (exp is in the past, beyond 60 s of leeway)", "old"),
            ("not yet valid",
             try await provider.token(subject: "early", notBefore: now.addingTimeInterval(300)),
             "token is not valid yet (nbf is in the future", "early"),
            ("badly signed", try await provider.token(subject: "forger", key: stranger), "signature does not verify", "anonymous"),
            ("alg none",
             Tokens.unsigned(kid: provider.rsa.kid, issuer: IdentityProvider.issuer, audience: IdentityProvider.audience),
             "token algorithm \"none\" is not accepted; this server accepts ES256, RS256 from the keys at \(provider.jwksURL)", "anonymous"),
            ("HS256 with the RSA public key as the secret",
             try await Tokens.confused(IdentityProvider.claims(subject: "confused", role: .admin), publicKeyPEM: provider.rsa.publicPEM, kid: provider.rsa.kid),
             "token algorithm \"HS256\" is not accepted", "anonymous"),
            ("wrong issuer", try await provider.token(subject: "elsewhere", issuer: "https://evil.example"),
             "token issuer \"https://evil.example\" is not \(IdentityProvider.issuer)", "elsewhere"),
            ("wrong audience", try await provider.token(subject: "otherapp", audience: "api://billing"),
             "token audience does not include \(IdentityProvider.audience)", "otherapp"),
            ("unknown kid", try await provider.token(subject: "rotated", key: try await SigningKey.rsa(kid: "rsa-unpublished")),
             "token key \"rsa-unpublished\" is not among the keys at \(provider.jwksURL)", "anonymous"),
            ("an EC algorithm naming the RSA key",
             try await provider.token(subject: "mixed", key: try await SigningKey.ecdsa(kid: provider.rsa.kid)),
             "token algorithm \"ES256\" does not match key \"rsa-1\", which is RS256", "anonymous"),
        ]
        for (name, token, message, _) in cases {
            let reply = try await server.send("GET", "/v1/rollouts", token: token)
            #expect(reply.status == 401, "\(name): \(reply.text)")
            #expect(reply.errorCode == "unauthorized", "\(name)")
            #expect(reply.errorMessage?.contains(message) == true, "\(name): wanted \(message), got \(reply.text)")
            #expect(reply.headers["content-type"] == "application/json", "\(name)")
            if let token { #expect(!reply.text.contains(token) && !reply.text.contains(token.split(separator: ".")[1]), "\(name): the answer repeats the token") }
        }
        let denials = try await server.auditEntries().filter { $0["outcome"] as? String == "denied" }
        #expect(denials.count == cases.count)
        for (entry, expected) in zip(denials, cases) {
            #expect(entry["actor"] as? String == expected.actor, "\(expected.name): \(entry)")
            #expect((entry["detail"] as? String)?.hasPrefix("401: ") == true, "\(expected.name): \(entry)")
            #expect((entry["detail"] as? String)?.contains(expected.message) == true, "\(expected.name): \(entry)")
        }
        try await server.stop()
        try await provider.stop()
    }

    @Test func goodProviderTokensAreAcceptedWithinTheLeeway() async throws {
        let provider = try await IdentityProvider.start()
        let server = try await TestServer.start(trusting: provider)
        let now = Date()
        let good: [(String, String)] = [
            ("RS256", try await provider.token()),
            ("ES256 from a key published without alg", try await provider.token(key: provider.ecdsa)),
            ("expired 30 s ago, within the leeway", try await provider.token(issuedAt: now.addingTimeInterval(-3_630), ttl: 3_600)),
            ("valid 30 s from now, within the leeway", try await provider.token(notBefore: now.addingTimeInterval(30))),
        ]
        for (name, token) in good {
            let reply = try await server.send("GET", "/v1/rollouts", token: token)
            #expect(reply.status == 200, "\(name): \(reply.text)")
        }
        // The key set was fetched once, at start: known keys need no fetch.
        #expect(await provider.fetches == 1)
        try await server.stop()
        try await provider.stop()
    }

    @Test func smallRolesAreForbiddenAndAudited() async throws {
        let provider = try await IdentityProvider.start()
        let server = try await TestServer.start(trusting: provider)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let attempts: [(role: Role, subject: String, body: String, message: String)] = [
            (.viewer, "vera", #"{"action":"rollback","reason":"looks bad"}"#, "role viewer may not rollback"),
            (.operator, "otto", #"{"action":"promote"}"#, "role operator may not promote"),
        ]
        for (index, attempt) in attempts.enumerated() {
            let token = try await provider.token(subject: attempt.subject, role: attempt.role)
            let reply = try await server.command(id, attempt.body, key: "sso-deny-\(index)", token: token)
            #expect(reply.status == 403, "\(attempt.message): \(reply.text)")
            #expect(reply.errorCode == "forbidden")
            #expect(reply.errorMessage == attempt.message)
        }
        let denials = try await server.auditEntries().filter { $0["outcome"] as? String == "denied" }
        #expect(denials.map { $0["actor"] as? String } == ["vera", "otto"])
        #expect(denials.map { $0["action"] as? String } == ["rollback", "promote"])
        #expect(denials.allSatisfy { $0["rolloutId"] as? String == id && ($0["detail"] as? String)?.hasPrefix("403: role") == true })
        #expect(try await server.rollout(id)["phase"] as? String != "rollingBack")
        try await server.stop()
        try await provider.stop()
    }

    @Test func rolesComeFromAGroupsClaimThroughTheMapping() async throws {
        let provider = try await IdentityProvider.start()
        let roles = try RoleClaim(name: "cognito:groups", mappings: ["sre-oncall=operator", "platform-admins=admin"])
        let server = try await TestServer.start(trusting: provider, policy: provider.policy(roleClaim: roles))
        let sre = try await provider.token(subject: "sam", role: nil, extra: ["cognito:groups": ["everyone", "sre-oncall"]])
        let list = try await server.send("GET", "/v1/rollouts?active=true", token: sre)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")
        let promote = try await server.command(id, #"{"action":"promote"}"#, key: "groups-1", token: sre)
        #expect(promote.status == 403)
        #expect(promote.errorMessage == "role operator may not promote", "the mapped group's role: \(promote.text)")
        let admin = try await provider.token(subject: "pat", role: nil, extra: ["cognito:groups": ["platform-admins", "everyone"]])
        #expect(try await server.send("GET", "/v1/audit", token: admin).status == 200)

        // A group named after a role grants nothing unless mapped, and a role claim is not read.
        let named = try await provider.token(subject: "max", role: .admin, extra: ["cognito:groups": ["admin"]])
        let refused = try await server.send("GET", "/v1/rollouts", token: named)
        #expect(refused.status == 401)
        #expect(refused.errorMessage == "token claim cognito:groups grants no role: none of its values is mapped to one on this server")
        let none = try await provider.token(subject: "nia", role: .admin)
        let missing = try await server.send("GET", "/v1/rollouts", token: none)
        #expect(missing.errorMessage == "token has no cognito:groups claim, which this server reads the role from")
        let denials = try await server.auditEntries(token: admin).filter { $0["outcome"] as? String == "denied" }
        #expect(denials.map { $0["actor"] as? String } == ["sam", "max", "nia"])
        try await server.stop()
        try await provider.stop()
    }

    @Test func anUnknownKeyFetchesTheSetAgainAtMostOncePerInterval() async throws {
        let provider = try await IdentityProvider.start()
        let interval = Duration.seconds(5)
        let started = ContinuousClock.now
        let server = try await TestServer.start(trusting: provider, policy: provider.policy(minimumRefreshInterval: interval))
        #expect(await provider.fetches == 1)

        // The provider rotates in a new key; a token signed with it arrives at once.
        let rotated = try await SigningKey.rsa(kid: "rsa-2")
        await provider.publish(rotated)
        let token = try await provider.token(subject: "rita", key: rotated)
        let early = try await server.send("GET", "/v1/rollouts", token: token)
        if ContinuousClock.now - started < interval {
            #expect(early.status == 401, "fetched again within the interval: \(early.text)")
            #expect(await provider.fetches == 1)
        }
        // Once the interval has passed, the unknown key makes the server fetch the set again.
        let accepted = try await eventually(within: 20) {
            try await server.send("GET", "/v1/rollouts", token: token).status == 200
        }
        #expect(accepted)
        let fetched = await provider.fetches
        let fetchedAt = ContinuousClock.now
        #expect(fetched >= 2)
        // Made-up key ids right after cannot make it fetch again more than once an interval (on a
        // loaded machine the five requests may themselves span one).
        for attempt in 0..<5 {
            let forged = try await provider.token(key: try await SigningKey.ecdsa(kid: "made-up-\(attempt)"))
            #expect(try await server.send("GET", "/v1/rollouts", token: forged).status == 401)
        }
        // The last fetch was before `fetchedAt`, so its interval may end within the first of these.
        let intervalsPassed = Int((ContinuousClock.now - fetchedAt) / interval) + 1
        #expect(await provider.fetches <= fetched + intervalsPassed, "\(intervalsPassed) intervals may have begun")
        try await server.stop()
        try await provider.stop()
    }
}
