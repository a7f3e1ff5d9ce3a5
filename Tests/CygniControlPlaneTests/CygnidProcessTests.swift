import Foundation
import SQLiteNIO
import Testing

/// The `cygnid` binary itself: first start, tokens from `cygnid token`, an acknowledged command
/// surviving `kill -9`, the audit chain verified and its tampering caught, SIGTERM exiting 0,
/// and plain HTTP refused off loopback (HTTPS: CygnidTLSProcessTests).
@Suite(.serialized) struct CygnidProcessTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first (swift build --product cygnid) or set CYGNID_BINARY; looked at \(CygnidProcess.binary)")
    }

    @Test func anAcknowledgedCommandAndTheAuditChainSurviveKill9() async throws {
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try CygnidProcess(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "30"], stateHome: home)
        try await first.waitUntilListening()
        // First start: a 0600 secret, and one line saying how to make a token.
        let secret = "\(home)/cygni/jwt-secret"
        let mode = try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(first.output.split(separator: "\n").filter { $0.contains("cygnid token") }.count == 1, "\(first.output)")

        let operatorToken = try await CygnidProcess.token("operator", subject: "olive", stateHome: home)
        let list = try await first.send("GET", "/v1/rollouts?active=true", token: operatorToken)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")
        let body = #"{"action":"rollback","reason":"before the crash"}"#
        let acknowledged = try await first.send("POST", "/v1/rollouts/\(id)/commands", token: operatorToken, headers: [("Idempotency-Key", "crash-1")], body: body)
        #expect(acknowledged.status == 200, "\(acknowledged.text)")
        #expect(await first.stop(with: SIGKILL) == 128 + SIGKILL)

        let second = try CygnidProcess(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "30"], stateHome: home)
        try await second.waitUntilListening()
        #expect(!second.output.contains("cygnid token"), "the secret was made again:\n\(second.output)")
        let replay = try await second.send("POST", "/v1/rollouts/\(id)/commands", token: operatorToken, headers: [("Idempotency-Key", "crash-1")], body: body)
        #expect(replay.status == 200)
        #expect(replay.body == acknowledged.body, "the first answer, byte for byte")
        // The fresh sandbox world was given the stored command: the rollout is rolled back again.
        let rolledBack = try await eventually {
            let reply = try await second.send("GET", "/v1/rollouts/\(id)", token: operatorToken)
            return reply.json?["phase"] as? String == "rolledBack"
        }
        #expect(rolledBack)
        #expect(await second.stop(with: SIGTERM) == 0, "SIGTERM must drain and exit 0:\n\(second.output)")

        let verified = await CygnidProcess.run(["audit", "verify"], stateHome: home)
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("audit chain intact"))

        let database = "\(home)/cygni/cygnid.sqlite"
        let connection = try await SQLiteConnection.open(storage: .file(path: database))
        let olive = try await connection.query("SELECT seq FROM audit WHERE actor = 'olive' ORDER BY seq LIMIT 1")
        let seq = try #require(olive.first?.column("seq")?.integer)
        _ = try await connection.query("UPDATE audit SET outcome = 'refused' WHERE seq = ?", [.integer(seq)])
        try await connection.close()
        let caught = await CygnidProcess.run(["audit", "verify", "--store", "sqlite:\(database)"], stateHome: home)
        #expect(caught.status == 1)
        #expect(caught.output.contains("broken at entry \(seq)"), "\(caught.output)")
    }

    @Test func plainHTTPOffLoopbackIsRefusedWithReasons() async throws {
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let open = await CygnidProcess.run(["serve", "--listen", "0.0.0.0:7070"], stateHome: home)
        #expect(open.status != 0)
        #expect(open.output.contains("refusing to listen on 0.0.0.0:7070 without TLS"), "\(open.output)")
        let badRole = await CygnidProcess.run(["token", "--subject", "x", "--role", "root"], stateHome: home)
        #expect(badRole.status != 0)
    }
}
