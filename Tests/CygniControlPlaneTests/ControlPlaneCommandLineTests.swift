import CygniClients
import CygniControlPlane
import CygniControlPlaneSource
import CygniHarness
import Foundation
import Testing

/// cx's headless commands through a real `cygnid serve --sandbox`: `cx status --watch` exit
/// codes (and surviving a cygnid restart), the event stream resuming after a restart without a
/// gap, refusals as one line, and a token file others can read refused.
@Suite(.serialized) struct ControlPlaneCommandLineTests {
    init() throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first or set CYGNID_BINARY")
    }

    @Test(arguments: [("canary-pass", Int32(0), "succeeded"), ("canary-fail", Int32(1), "rolledBack")])
    func statusWatchExitsWithTheOutcome(scenario: String, status: Int32, last: String) async throws {
        // Fast, but not so fast that a loaded machine's slow start of cx misses every change
        // before the end.
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", scenario, "--speed", "40"])
        let watch = await session.cx(["status", "--watch", "checkout", "--timeout", "120s"], token: try await session.token("viewer", subject: "ci"), timeout: 150)
        #expect(watch.status == status, "\(watch.output)")
        let lines = watch.output.split(separator: "\n").filter { $0.contains("  checkout  ") }
        #expect(lines.count >= 2, "one line per change:\n\(watch.output)")
        #expect(lines.last?.contains(last) == true, "\(watch.output)")
    }

    @Test func statusWatchTimesOutWith124() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "1"])
        let watch = await session.cx(["status", "--watch", "--json", "--timeout", "2s"], token: try await session.token("viewer", subject: "ci"))
        #expect(watch.status == 124, "\(watch.output)")
        #expect(watch.output.contains("timed out after 2 s; checkout is"), "\(watch.output)")
        let first = try #require(watch.output.split(separator: "\n").first { $0.hasPrefix("{") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        for field in ["time", "id", "service", "phase", "step", "steps", "traffic", "verdict", "reason"] {
            #expect(json.keys.contains(field), "missing \(field) in \(first)")
        }
    }

    @Test func statusWatchOutlivesACygnidRestart() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "60"])
        let watch = try session.cxInBackground(["status", "--watch", "checkout", "--timeout", "150s"], token: try await session.token("viewer", subject: "ci"))
        #expect(await eventually(within: 20) { watch.output.contains("  checkout  ") }, "\(watch.output)")
        await session.stop(with: SIGKILL)
        #expect(await eventually(within: 20) { watch.output.contains("still watching") }, "\(watch.output)")
        try await session.start()
        let status = await watch.exit(within: 150)
        #expect(status == 0, "\(watch.output)")
        #expect(watch.output.contains("answers again"), "\(watch.output)")
    }

    @Test func theEventStreamResumesAfterARestartWithoutAGap() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "20"])
        let viewer = try await session.token("viewer", subject: "vic")
        let clients = Clients.controlPlane(ControlPlaneConnection(
            address: try ControlPlaneAddress(parsing: session.url), token: try BearerToken(viewer, origin: "test")))
        let collected = Collected()
        let following = Task {
            for await update in clients.controlPlane.updates!() { collected.add(update) }
        }
        defer { following.cancel() }
        #expect(await eventually(within: 20) { collected.eventIDs.count >= 2 }, "\(collected.all)")
        let beforeRestart = collected.eventIDs

        await session.stop(with: SIGKILL)
        try await session.start()
        // Changes logged at once after the restart, while the client is still waiting to reconnect.
        let deployer = try await session.token("deployer", subject: "dan")
        let list = try await session.cygnid.send("GET", "/v1/rollouts?active=true", token: deployer)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")
        let reply = try await session.cygnid.send(
            "POST", "/v1/rollouts/\(id)/commands", token: deployer, headers: [("Idempotency-Key", "gap-1")], body: #"{"action":"pause"}"#)
        #expect(reply.status == 200, "\(reply.text)")
        #expect(await eventually(within: 30) { collected.phases(of: id).contains(.paused) }, "\(collected.all)")
        let received = collected.eventIDs
        let last = try #require(received.last)
        let log = try await session.eventLog(token: viewer) { reading in reading.events.contains { $0.id >= last } }
        let logged = log.events.filter { $0.type == "rollout" && $0.id >= received[0] && $0.id <= last }.map(\.id)
        #expect(received == logged, "the client missed or repeated events: got \(received), cygnid logged \(logged)")
        #expect(collected.all.filter { $0 == .connected }.count >= 2, "never reconnected: \(collected.all)")
    }

    @Test func refusalsAndUnreadableTokenFilesAreOneLine() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "1"])
        let promote = await session.cx(["promote", "checkout", "--yes"], token: try await session.token("operator", subject: "olive"))
        #expect(promote.status == 1)
        #expect(promote.output.contains("cx: promote failed: role operator may not promote"), "\(promote.output)")

        let secret = try SigningSecret.read(at: session.home + "/cygni/jwt-secret")
        let expired = try await Tokens.sign(secret: secret, role: .operator, subject: "olive", ttl: 300, issuedAt: Date().addingTimeInterval(-600))
        let status = await session.cx(["status"], token: expired)
        #expect(status.status == 1)
        #expect(status.output.contains("token expired 5 min ago: make a new one with cygnid token --subject olive --role operator"), "\(status.output)")
        #expect(!status.output.contains(expired))

        let file = session.home + "/token"
        try (try await session.token("viewer", subject: "vic") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let refused = await session.cx(["status", "--token-file", file], token: nil)
        #expect(refused.status == 2)
        #expect(refused.output.contains("the token file \(file) is readable by group or others (mode 644); run chmod 600 \(file)"), "\(refused.output)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let accepted = await session.cx(["status", "--token-file", file], token: nil)
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.contains("source: cygnid 127.0.0.1:\(session.port) · vic (viewer)"))
        let none = await session.cx(["status"], token: nil)
        #expect(none.status == 2)
        #expect(none.output.contains("no token for cygnid: set CYGNI_TOKEN, pass --token-file FILE, or set token_file in config.toml"), "\(none.output)")
    }
}
