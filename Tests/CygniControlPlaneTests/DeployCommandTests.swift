import CygniHarness
import Foundation
import Testing

/// `cx deploy` through a real `cygnid serve --sandbox`: the plan and cost shown, the rollout
/// started with --yes and run through its steps by cygnid's engine, a second deploy of a busy
/// service refused, viewers and read-only refused, the dry run writing nothing; and the console
/// in tmux following the deploy and rolling it back by `R y`.
@Suite(.serialized) struct DeployCommandTests {
    init() throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first or set CYGNID_BINARY")
    }

    private static let image = "registry.example/checkout:v1.43.0"

    /// The audit chain's entries, as an admin reads them.
    private func audit(_ session: ControlPlaneSession) async throws -> [[String: Any]] {
        let reply = try await session.cygnid.send("GET", "/v1/audit?limit=200", token: try await session.token("admin", subject: "auditor"))
        return (reply.json?["entries"] as? [[String: Any]]) ?? []
    }

    /// checkout's entry in `cx status --json`, for the version deployed.
    private func status(_ session: ControlPlaneSession, token: String) async -> [String: Any]? {
        let run = await session.cx(["status", "--json"], token: token)
        guard run.status == 0, let start = run.output.firstIndex(of: "{"),
            let json = try? JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]
        else { return nil }
        return ((json["rollouts"] as? [[String: Any]]) ?? []).first { $0["service"] as? String == "checkout" && $0["toVersion"] as? String == "v1.43.0" }
    }

    @Test func deployYesStartsARolloutThatRunsItsStepsAndABusyServiceIsRefused() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "steady", "--speed", "60"])
        let token = try await session.token("deployer", subject: "dana")

        // The dry run: the plan and its cost, nothing written.
        let before = try await audit(session)
        let dry = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--steps", "50", "--dry-run"], token: token)
        #expect(dry.status == 0, "\(dry.output)")
        for line in [
            "deploy production/checkout (production, eu-west-1): v1.41.2 → v1.43.0, canary",
            "1. 50% of traffic to 3 new tasks (6 running), bake 5m, then judged",
            "2. 100% of traffic to 6 new tasks (6 running), bake 5m",
            "judged on: error_rate (fails on increase, critical",
            "guarded by SLOs: availability 99.9% over 30 days, latency < 300 ms 99% over 30 days; a page-level burn rolls back",
            "cost: running 6 × 0.5 vCPU / 1 GB $",
            "overlap: both fleets for at least 10m: +$",
            "prices: built-in Fargate table of 2026-11-01 (us-east-1 list prices), because the sandbox has no Pricing API",
        ] {
            #expect(dry.output.contains(line), "missing \"\(line)\":\n\(dry.output)")
        }
        #expect(try await audit(session).count == before.count, "the dry run wrote to the audit chain")
        #expect(await status(session, token: token) == nil, "the dry run started a rollout")

        // Not at a terminal and no --yes: refused rather than waiting for an answer.
        let unasked = await session.cx(["deploy", "production/checkout", "--image", Self.image], token: token)
        #expect(unasked.status == 2 && unasked.output.contains("refusing to deploy without confirmation; pass --yes"), "\(unasked.output)")

        let deployed = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--steps", "50", "--yes", "--reason", "ship v1.43.0"], token: token)
        #expect(deployed.status == 0, "\(deployed.output)")
        #expect(deployed.output.contains("deploying production/checkout v1.41.2 → v1.43.0: rollout checkout-"), "\(deployed.output)")

        // SERVICE alone: cygnid's rollouts now know checkout in one cluster.
        let busy = await session.cx(["deploy", "checkout", "--image", "registry.example/checkout:v1.44.0", "--yes"], token: token)
        #expect(busy.status == 1, "\(busy.output)")
        #expect(busy.output.contains("cx: deploy refused: production/checkout is already rolling out (rollout checkout-"), "\(busy.output)")

        // cygnid's engine takes it through its steps: 50% of traffic, then the promotion.
        var weights: Set<Int> = []
        let ended = await eventually(within: 90) {
            guard let entry = await status(session, token: token) else { return false }
            if let canary = (entry["traffic"] as? [String: Any])?["canary"] as? Int { weights.insert(canary) }
            return entry["phase"] as? String == "succeeded"
        }
        #expect(ended, "the deploy did not succeed; canary weights seen: \(weights.sorted())")
        #expect(weights.contains(50), "the 50% step was never seen: \(weights.sorted())")

        // The busy deploy was refused at its plan, before anything was admitted: one entry.
        let deploys = try await audit(session).filter { $0["action"] as? String == "deploy" }
        #expect(deploys.map { $0["actor"] as? String } == ["dana"], "\(deploys)")
        #expect(deploys.map { $0["outcome"] as? String } == ["accepted"], "\(deploys)")
        #expect(deploys.first?["reason"] as? String == "ship v1.43.0")
    }

    @Test func viewersJSONWithoutYesAndReadOnlyAreRefused() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "steady", "--speed", "1"])
        let viewer = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--yes"], token: try await session.token("viewer", subject: "vic"))
        #expect(viewer.status == 1, "\(viewer.output)")
        #expect(viewer.output.contains("cx: deploy refused: role viewer may not deploy"), "\(viewer.output)")

        let deployer = try await session.token("deployer", subject: "dana")
        let readOnly = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--yes", "--read-only"], token: deployer)
        #expect(readOnly.status == 1 && readOnly.output.contains("deploys are off in read-only mode (--read-only)"), "\(readOnly.output)")

        let json = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--json"], token: deployer)
        #expect(json.status == 2 && json.output.contains("--json does not ask for confirmation: add --yes"), "\(json.output)")

        let planned = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--dry-run", "--json"], token: deployer)
        #expect(planned.status == 0, "\(planned.output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(planned.output.utf8)) as? [String: Any], "\(planned.output)")
        #expect(document.keys.contains("rollout") && document["rollout"] is NSNull, "\(planned.output)")
        #expect((document["plan"] as? [String: Any])?["toVersion"] as? String == "v1.43.0", "\(planned.output)")

        // Without cygnid, cx says where deploys go.
        let alone = await ProgramRun.runAside([Binary.path, "deploy", "production/checkout", "--image", Self.image, "--yes", "--sandbox"], environment: session.environment(token: nil))
        #expect(alone.status == 2 && alone.output.contains("the in-process sandbox does not start rollouts: deploys go through cygnid"), "\(alone.output)")
        #expect(alone.output.contains("cygnid serve --sandbox") && alone.output.contains("--control-plane URL"), "\(alone.output)")

        let viewerEntries = try await audit(session).filter { $0["actor"] as? String == "vic" }
        #expect(viewerEntries.map { $0["outcome"] as? String } == ["denied"], "the viewer's refusal is audited: \(viewerEntries)")
        let rollouts = try await session.cygnid.send("GET", "/v1/rollouts?active=true", token: deployer)
        #expect(((rollouts.json?["rollouts"] as? [[String: Any]]) ?? []).isEmpty, "nothing was started: \(rollouts.text)")
    }

    @Test func theConsoleFollowsADeployAndRollsItBackByKeys() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "steady", "--speed", "5"])
        let token = try await session.token("deployer", subject: "dana")
        let tmux = try Tmux(
            command: "\(Binary.path) --control-plane \(session.url)", width: 160, height: 48,
            environment: ["CYGNI_TOKEN": token, "XDG_CONFIG_HOME": session.configHome])
        #expect(await tmux.waitUntil(timeout: 30) { $0.contains("cygnid 127.0.0.1:\(session.port) · dana (deployer)") && $0.contains("live") }.ok)

        let deployed = await session.cx(["deploy", "production/checkout", "--image", Self.image, "--steps", "10,50", "--bake", "10m", "--yes"], token: token)
        #expect(deployed.status == 0, "\(deployed.output)")
        func row(_ screen: String) -> String {
            screen.split(separator: "\n").first { $0.hasPrefix("│checkout ") }.map(String.init) ?? ""
        }
        let listed = await tmux.waitUntil(timeout: 30) { row($0).contains("canary") && !row($0).contains("rolledBack") }
        #expect(listed.ok, "the console did not list the deploy:\n\(listed.screen)")
        // The deploy arrived above the finished rollout the console had selected: select it.
        try tmux.send("k", "k")
        let shown = await tmux.waitUntil(timeout: 30) { screen in
            screen.contains("checkout v1.41.2 → v1.43.0") && screen.contains("plan 10% 10m → 50% 10m → 100% 10m")
        }
        #expect(shown.ok, "the console did not show the deploy and its plan:\n\(shown.screen)")
        let shifted = await tmux.waitUntil(timeout: 60) { row($0).contains("90/10") }
        #expect(shifted.ok, "the first step's traffic never reached the console:\n\(shifted.screen)")

        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")
        let rolledBack = await tmux.waitUntil(timeout: 30) { row($0).contains("rolledBack") }
        #expect(rolledBack.ok, "the rollback did not reach the Timeline:\n\(rolledBack.screen)")

        let actions = try await audit(session).filter { $0["actor"] as? String == "dana" }.compactMap { $0["action"] as? String }
        #expect(actions == ["deploy", "rollback"], "\(actions)")
        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }
}
