import CygniControlPlane
import Foundation
import Testing

/// `cygnid serve --jwks-url` as a program: a key set that cannot be fetched stops the start with
/// the URL named; with the loopback provider's keys, its tokens work, roles come from its groups
/// claim, and HS256 tokens (the key-confusion forgery among them) are refused and audited.
@Suite(.serialized) struct CygnidSingleSignOnProcessTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first (swift build --product cygnid) or set CYGNID_BINARY; looked at \(CygnidProcess.binary)")
    }

    @Test func aJWKSThatCannotBeFetchedOrIsHalfConfiguredStopsTheStart() async throws {
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // Port 9 on loopback (discard) has no listener here: the connection is refused at once.
        let unreachable = "http://127.0.0.1:9/.well-known/jwks.json"
        let refused = await CygnidProcess.run(["serve", "--jwks-url", unreachable, "--issuer", "https://idp", "--audience", "cygnid"], stateHome: home)
        #expect(refused.status != 0)
        #expect(refused.output.contains("the JWKS at \(unreachable) cannot be fetched"), "\(refused.output)")
        let noAudience = await CygnidProcess.run(["serve", "--jwks-url", unreachable, "--issuer", "https://idp"], stateHome: home)
        #expect(noAudience.status != 0)
        #expect(noAudience.output.contains("--jwks-url needs --issuer and --audience"), "\(noAudience.output)")
        let badMap = await CygnidProcess.run(["serve", "--role-claim", "groups", "--role-map", "sre"], stateHome: home)
        #expect(badMap.status != 0)
        #expect(badMap.output.contains("--role-map sre: expected VALUE=ROLE"), "\(badMap.output)")
        // Nothing was started: no secret was made for a server that never ran on one.
        #expect(!FileManager.default.fileExists(atPath: "\(home)/cygni/jwt-secret"))
    }

    @Test func providerTokensWorkAndHS256IsRefused() async throws {
        let provider = try await IdentityProvider.start()
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let server = try CygnidProcess(serve: [
            "--sandbox", "--scenario", "canary-pass", "--jwks-url", provider.jwksURL, "--issuer", IdentityProvider.issuer,
            "--audience", IdentityProvider.audience, "--role-claim", "groups", "--role-map", "sre=operator", "--role-map", "auditors=admin",
        ], stateHome: home)
        try await server.waitUntilListening()
        #expect(!server.output.contains("cygnid token"), "no secret is made on a JWKS:\n\(server.output)")

        let sre = try await provider.token(subject: "sam", role: nil, extra: ["groups": ["sre"]])
        let list = try await server.send("GET", "/v1/rollouts?active=true", token: sre)
        #expect(list.status == 200, "\(list.text)")
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String)
        let promote = try await server.send("POST", "/v1/rollouts/\(id)/commands", token: sre, headers: [("Idempotency-Key", "p-1")], body: #"{"action":"promote"}"#)
        #expect(promote.status == 403)
        #expect(promote.errorMessage == "role operator may not promote")

        let confused = try await Tokens.confused(
            IdentityProvider.claims(subject: "mallory", role: .admin, extra: ["groups": ["auditors"]]), publicKeyPEM: provider.rsa.publicPEM,
            kid: provider.rsa.kid)
        let signedWithSecret = try await Tokens.sign(secret: try Tokens.otherSecret(), role: .admin, issuer: IdentityProvider.issuer, audience: IdentityProvider.audience)
        for token in [confused, signedWithSecret] {
            let reply = try await server.send("GET", "/v1/audit", token: token)
            #expect(reply.status == 401)
            #expect(reply.errorMessage?.hasPrefix("token algorithm \"HS256\" is not accepted") == true, "\(reply.text)")
        }
        let auditor = try await provider.token(subject: "ada", role: nil, extra: ["groups": ["auditors"]])
        let audit = try await server.send("GET", "/v1/audit", token: auditor)
        let denials = ((audit.json?["entries"] as? [[String: Any]]) ?? []).filter { $0["outcome"] as? String == "denied" }
        #expect(denials.map { $0["actor"] as? String } == ["sam", "anonymous", "anonymous"], "\(audit.text)")
        #expect(await server.stop(with: SIGTERM) == 0, "\(server.output)")
        #expect(!server.output.contains(sre) && !server.output.contains(confused), "a token reached the log")
        try await provider.stop()
    }
}
