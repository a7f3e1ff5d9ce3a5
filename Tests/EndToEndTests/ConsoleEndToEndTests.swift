import CygniHarness
import Foundation
import Testing

/// The real binary in a real terminal (tmux): it opens, shows the panes, rolls back by keys
/// with a confirmation, survives resizes down to 10x5, and leaves the terminal restored after
/// quit and after SIGTERM.
@Suite(.serialized)
struct ConsoleEndToEndTests {
    init() throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
    }

    @Test func opensRollsBackByKeysSurvivesResizeAndQuitsCleanly() async throws {
        let tmux = try Tmux(command: "\(Binary.path) --seed 7 --scenario canary-pass --speed 20 --at 120", width: 160, height: 48)
        let opened = await tmux.waitUntil { screen in ["Timeline", "Traffic", "SLO", "Cost", "Traces", "Logs"].allSatisfy(screen.contains) }
        #expect(opened.ok, "panes did not appear:\n\(opened.screen)")
        let live = await tmux.waitUntil { $0.contains("live") }
        #expect(live.ok, "never went live:\n\(live.screen)")

        try tmux.send("R")
        let dialog = await tmux.waitUntil { $0.contains("Confirm rollback") }
        #expect(dialog.ok, "no confirmation:\n\(dialog.screen)")
        #expect(dialog.screen.contains("Traffic:"))
        #expect(dialog.screen.contains("Roll back"))

        try tmux.send("y")
        // The finished payments rollout says rolledBack from the start: look for this rollback's own trace.
        let rolledBack = await tmux.waitUntil { $0.contains("operator rollback") && $0.contains("stable 100%") }
        #expect(rolledBack.ok, "the Timeline never showed the rollback:\n\(rolledBack.screen)")
        // A second confirm after the dialog closed must not start anything.
        try tmux.send("y")

        try tmux.resize(width: 10, height: 5)
        let small = await tmux.waitUntil { $0.contains("too") }
        #expect(small.ok, "no too-small message at 10x5:\n\(small.screen)")
        try tmux.resize(width: 120, height: 40)
        let back = await tmux.waitUntil { $0.contains("Timeline") && $0.contains("Logs") }
        #expect(back.ok, "did not relayout after resize:\n\(back.screen)")

        try tmux.send("q")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS 0") }
        #expect(exited.ok, "did not exit on q:\n\(exited.screen)")
        let modes = try #require(await tmux.terminalModesAfterExit())
        #expect(isRestored(modes), "terminal left in raw mode: \(modes)")
    }

    @Test(arguments: ["TERM", "HUP", "INT"])
    func aTerminatingSignalRestoresTheTerminal(signal: String) async throws {
        let tmux = try Tmux(command: "\(Binary.path) --seed 2 --scenario steady", width: 120, height: 40)
        let opened = await tmux.waitUntil { $0.contains("Timeline") }
        #expect(opened.ok, "did not open:\n\(opened.screen)")
        let shell = try #require(tmux.shellPID)
        // The console is the shell's child: signal it, not the shell.
        let pkill = await ProgramRun.runAside(["pkill", "-\(signal)", "-P", "\(shell)", "-x", "cx"])
        #expect(pkill.status == 0, "pkill: \(pkill.output)")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS") }
        #expect(exited.ok, "did not exit on SIG\(signal):\n\(exited.screen)")
        let modes = try #require(await tmux.terminalModesAfterExit())
        #expect(isRestored(modes), "terminal left in raw mode after SIG\(signal): \(modes)")
    }

    @Test func ctrlZSuspendsAndContinueRedraws() async throws {
        let tmux = try Tmux(command: "\(Binary.path) --seed 4 --scenario steady", width: 120, height: 40)
        let opened = await tmux.waitUntil { $0.contains("Timeline") && $0.contains("live") }
        #expect(opened.ok, "did not open:\n\(opened.screen)")
        try tmux.send("C-z")
        // Stopped: the console has left the alternate screen, so its panes are gone from view.
        let stopped = await tmux.waitUntil { !$0.contains("Timeline") }
        #expect(stopped.ok, "still drawn after Ctrl-Z:\n\(stopped.screen)")
        let group = try #require(tmux.shellPID)
        // The shell running it stopped too (the whole foreground group did): continue both.
        let resumed = await ProgramRun.runAside(["kill", "-CONT", "--", "-\(group)"])
        #expect(resumed.status == 0, "kill -CONT: \(resumed.output)")
        let redrawn = await tmux.waitUntil { $0.contains("Timeline") && $0.contains("Logs") }
        #expect(redrawn.ok, "no redraw after SIGCONT:\n\(redrawn.screen)")
        try tmux.send("q")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS 0") }
        #expect(exited.ok, "keys did not work after resuming:\n\(exited.screen)")
        let modes = try #require(await tmux.terminalModesAfterExit())
        #expect(isRestored(modes), "terminal left in raw mode: \(modes)")
    }

    @Test func anOperatorCommandIsAppendedToTheAuditJournal() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": state, "USER": "e2e"]) { $1 }
        let result = await ProgramRun.runAside(
            [Binary.path, "rollback", "checkout", "--yes", "--reason", "errors after deploy", "--scenario", "canary-pass", "--at", "400"],
            environment: environment
        )
        #expect(result.status == 0, "\(result.output)")
        let journal = try String(contentsOfFile: state + "/cygni/audit.jsonl", encoding: .utf8)
        let entries = journal.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let rollback = try #require(entries.first { $0["actor"] as? String == "operator:e2e" })
        #expect(rollback["action"] as? String == "rollback")
        #expect((rollback["reason"] as? String)?.contains("errors after deploy") == true)
        #expect(rollback["toCanaryPercent"] as? Int == 0)
        #expect(entries.contains { $0["actor"] as? String == "engine" })
        // Headless frames write nothing.
        let snapshotState = state + "-snapshot"
        _ = await ProgramRun.runAside([Binary.path, "snapshot", "--at", "400"], environment: environment.merging(["XDG_STATE_HOME": snapshotState]) { $1 })
        #expect(!FileManager.default.fileExists(atPath: snapshotState))
    }

    /// Enter on the sandbox's failed canary opens its analysis, which names the failing metric,
    /// its test and the decision; Esc goes back to the panes.
    @Test func enterOnTheFailedCanaryShowsItsAnalysis() async throws {
        let tmux = try Tmux(command: "\(Binary.path) --seed 7 --scenario canary-fail --at 600", width: 100, height: 30)
        let listed = await tmux.waitUntil { $0.contains("rolledBack") && $0.contains("live") }
        #expect(listed.ok, "the failed canary was never listed:\n\(listed.screen)")
        try tmux.send("Enter")
        let open = await tmux.waitUntil { screen in
            screen.contains("Analysis · checkout") && screen.contains("✗ error_rate  HIGH") && screen.contains("✗ FAIL at step 1")
        }
        #expect(open.ok, "Enter did not show the analysis naming error_rate:\n\(open.screen)")
        #expect(open.screen.contains("p ") && open.screen.contains("< 0.02"))
        try tmux.send("Escape")
        let back = await tmux.waitUntil { $0.contains("Timeline") && !$0.contains("Analysis ·") }
        #expect(back.ok, "Esc did not close the analysis:\n\(back.screen)")
        try tmux.send("q")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS 0") }
        #expect(exited.ok, "did not exit on q:\n\(exited.screen)")
    }

    /// In Logs, Up selects the newest line and Enter opens its fields under it (a structured
    /// line's, then its group and stream); Esc closes them, G follows again.
    @Test func enterShowsTheSelectedLogLinesFields() async throws {
        let tmux = try Tmux(command: "\(Binary.path) --seed 7 --scenario canary-fail --speed 5 --at 600", width: 140, height: 44)
        let live = await tmux.waitUntil { $0.contains("Logs · tail") && $0.contains("live") && $0.contains(" fields}") }
        #expect(live.ok, "the Logs pane never showed a structured line:\n\(live.screen)")
        try tmux.send("6")
        try tmux.send("z")
        let zoomed = await tmux.waitUntil { $0.contains("Logs · tail") && !$0.contains("Timeline") }
        #expect(zoomed.ok, "Logs did not zoom:\n\(zoomed.screen)")
        try tmux.send("k")
        let held = await tmux.waitUntil { $0.contains("held ·") }
        #expect(held.ok, "selecting a line did not hold the view:\n\(held.screen)")
        try tmux.send("Enter")
        let open = await tmux.waitUntil { screen in
            screen.contains("  group ") && screen.contains("/ecs/production/") && screen.contains("  stream ")
        }
        #expect(open.ok, "Enter did not show the line's fields:\n\(open.screen)")
        #expect(!open.screen.contains("\u{1B}"))
        try tmux.send("Escape")
        let closed = await tmux.waitUntil { !$0.contains("  stream ") }
        #expect(closed.ok, "Esc did not close the fields:\n\(closed.screen)")
        try tmux.send("G")
        let following = await tmux.waitUntil { $0.contains("follow ·") }
        #expect(following.ok, "G did not follow again:\n\(following.screen)")
        try tmux.send("q")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS 0") }
        #expect(exited.ok, "did not exit on q:\n\(exited.screen)")
    }

    @Test func snapshotIsDeterministic() async throws {
        func snapshot() async throws -> String {
            let result = await ProgramRun.runAside([Binary.path, "snapshot", "--seed", "5", "--scenario", "canary-fail", "--at", "900", "--width", "140", "--height", "44"])
            #expect(result.status == 0)
            return result.output
        }
        let first = try await snapshot()
        #expect(first.contains("Timeline"))
        #expect(try await snapshot() == first)
    }

    @Test func statusJSONHasTheContractFields() async throws {
        let result = await ProgramRun.runAside([Binary.path, "status", "--json", "--seed", "3", "--scenario", "canary-fail", "--at", "1800"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["source"] is String)
        let rollouts = try #require(json["rollouts"] as? [[String: Any]])
        #expect(!rollouts.isEmpty)
        for rollout in rollouts {
            for field in ["service", "environment", "region", "strategy", "phase", "fromVersion", "toVersion", "traffic", "step", "verdict", "reason"] {
                #expect(rollout.keys.contains(field), "missing \(field)")
            }
            let traffic = try #require(rollout["traffic"] as? [String: Int])
            #expect(traffic["stable"]! + traffic["canary"]! == 100)
        }
    }

    @Test func malformedKeymapExitsWithTwoAndNamesTheFile() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("cygni/keymaps"), withIntermediateDirectories: true)
        try "[global]\nquit = [\"q\"\n".write(to: home.appendingPathComponent("cygni/keymaps/bad.toml"), atomically: true, encoding: .utf8)
        let result = await ProgramRun.runAside(
            [Binary.path, "snapshot", "--keymap", "bad"],
            environment: ProcessInfo.processInfo.environment.merging(["XDG_CONFIG_HOME": home.path]) { $1 }
        )
        #expect(result.status == 2)
        let message = result.output
        #expect(message.contains("keymaps/bad.toml:"), "\(message)")
    }
}
