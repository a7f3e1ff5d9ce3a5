import CygniHarness
import Foundation
import Testing

/// The console in tmux with `--control-plane`, on a real `cygnid serve --sandbox`: the rollout
/// with its plan, pause and resume by keys, rollback by `R y`, all carried out by cygnid; then
/// cygnid killed (the console stays up, its panes saying how old their data is) and restarted
/// (it reconnects by itself and catches up).
@Suite(.serialized) struct ConsoleOnControlPlaneTests {
    init() throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first or set CYGNID_BINARY")
    }

    private func console(_ session: ControlPlaneSession, token: String) throws -> Tmux {
        try Tmux(
            command: "\(Binary.path) --control-plane \(session.url)", width: 160, height: 48,
            environment: ["CYGNI_TOKEN": token, "XDG_CONFIG_HOME": session.configHome])
    }

    /// The Timeline's row of a service.
    private func row(_ service: String, in screen: String) -> String {
        screen.split(separator: "\n").first { $0.hasPrefix("│\(service) ") }.map(String.init) ?? ""
    }

    @Test func showsThePlanPausesResumesAndRollsBackByKeys() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "5"])
        let token = try await session.token("deployer", subject: "dana")
        let tmux = try console(session, token: token)
        let opened = await tmux.waitUntil(timeout: 30) { screen in
            screen.contains("cygnid 127.0.0.1:\(session.port) · dana (deployer)") && screen.contains("live")
                && screen.contains("plan 5% 5m → 25% 5m → 50% 5m → 100% 5m") && row("checkout", in: screen).contains("canary")
        }
        #expect(opened.ok, "the console did not show the rollout and its plan:\n\(opened.screen)")
        // The telemetry panes from cygnid's reads of its sandbox.
        let filled = await tmux.waitUntil(timeout: 20) { $0.contains("checkout availability") && $0.contains("POST /checkout") && $0.contains("Cost · $") }
        #expect(filled.ok, "the SLO, Traces and Cost panes did not fill from cygnid:\n\(filled.screen)")

        for (key, verb, seen) in [("p", "pause", { (row: String) in row.contains("paused") }), ("u", "resume", { (row: String) in !row.contains("paused") })] {
            try tmux.send(key)
            let dialog = await tmux.waitUntil { $0.contains("Confirm \(verb)") }
            #expect(dialog.ok, "no confirmation for \(verb):\n\(dialog.screen)")
            try tmux.send("y")
            let done = await tmux.waitUntil(timeout: 20) { seen(row("checkout", in: $0)) }
            #expect(done.ok, "\(verb) did not reach the Timeline:\n\(done.screen)")
        }
        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")
        let rolledBack = await tmux.waitUntil(timeout: 20) { row("checkout", in: $0).contains("rolledBack") || row("checkout", in: $0).contains("rollingBack") }
        #expect(rolledBack.ok, "the rollback did not reach the Timeline:\n\(rolledBack.screen)")

        // cygnid carried each one out, as dana.
        let admin = try await session.token("admin", subject: "auditor")
        let audit = try await session.cygnid.send("GET", "/v1/audit?limit=200", token: admin)
        let actions = ((audit.json?["entries"] as? [[String: Any]]) ?? []).filter { $0["actor"] as? String == "dana" }.compactMap { $0["action"] as? String }
        #expect(actions == ["pause", "resume", "rollback"], "\(audit.text)")

        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }

    @Test func staysUpWhenCygnidIsGoneAndCatchesUpWhenItIsBack() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "2"])
        let tmux = try console(session, token: try await session.token("viewer", subject: "vic"))
        #expect(await tmux.waitUntil(timeout: 30) { $0.contains("live") && row("checkout", in: $0).contains("canary") }.ok)

        await session.stop(with: SIGKILL)
        let stale = await tmux.waitUntil(timeout: 20) { screen in
            screen.contains("offline") && screen.contains("is unreachable") && screen.range(of: #"⚠ data [0-9]+s old"#, options: .regularExpression) != nil
        }
        #expect(stale.ok, "no stale marking while cygnid is down:\n\(stale.screen)")
        #expect(row("checkout", in: stale.screen).contains("canary"), "the last rollouts must stay on screen:\n\(stale.screen)")

        try await session.start()
        // Someone acts while the console is still reconnecting: it must catch up by itself.
        let operatorToken = try await session.token("operator", subject: "pat")
        let list = try await session.cygnid.send("GET", "/v1/rollouts?active=true", token: operatorToken)
        let id = try #require((list.json?["rollouts"] as? [[String: Any]])?.first?["id"] as? String, "\(list.text)")
        let paused = try await session.cygnid.send(
            "POST", "/v1/rollouts/\(id)/commands", token: operatorToken, headers: [("Idempotency-Key", "pat-1")], body: #"{"action":"pause"}"#)
        #expect(paused.status == 200, "\(paused.text)")
        // Up to a minute: the Cost pane reads every 60 ticks, and its warning goes only with a read.
        let caughtUp = await tmux.waitUntil(timeout: 60) { screen in
            screen.contains("live") && row("checkout", in: screen).contains("paused") && screen.contains("paused by pat") && !screen.contains("⚠")
        }
        #expect(caughtUp.ok, "the console did not catch up after cygnid came back:\n\(caughtUp.screen)")
        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }
}
