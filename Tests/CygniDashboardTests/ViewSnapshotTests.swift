import CygniClients
import CygniModel
import CygniTerminal
import Foundation
import Testing
@testable import CygniDashboard

/// Every pane drawn from fixed data on the headless backend, compared with golden text.
struct ViewSnapshotTests {
    func frame(_ state: DashboardState, width: Int = 100, height: Int = 24) -> String {
        HeadlessBackend.render(DashboardView.render(state, width: width, height: height))
    }

    @Test(arguments: PaneID.allCases)
    func eachPaneZoomed(pane: PaneID) {
        var state = Fixture.loadedState()
        state.focus = pane
        state.zoomed = true
        let text = frame(state)
        #expect(text.contains(pane.title))
        Golden.check(text, named: "pane-\(pane.rawValue)")
    }

    /// The Cost pane's AWS usage gives way to the spend: in a small pane the table keeps its
    /// rows and the usage its first line (the estimate); the sandbox says it asks nothing, and a
    /// spend that cannot be read does not hide the usage.
    @Test func theCostPaneShowsTheConsolesOwnAWSUsageAtAnySize() {
        var state = Fixture.loadedState()
        state.focus = .cost
        let small = frame(state, width: 100, height: 30)
        #expect(small.contains("SERVICE      TODAY") && small.contains("est. $0.0206"), "\n\(small)")
        #expect(!small.contains("not a bill"), "the small pane keeps only what fits:\n\(small)")
        state.zoomed = true

        state.awsUsage = .sandbox(since: Fixture.at(0), at: Fixture.at(400))
        #expect(frame(state).contains("AWS: the sandbox asks AWS nothing"))

        state.awsUsage = Fixture.awsUsage
        state.cost = nil
        state.costError = "Cost Explorer: AccessDeniedException"
        let denied = frame(state)
        #expect(denied.contains("cost unavailable") && denied.contains("est. $0.0206") && denied.contains("not a bill"), "\(denied)")
    }

    @Test func wholeConsole() {
        let text = frame(Fixture.loadedState(), width: 160, height: 48)
        for pane in PaneID.allCases {
            #expect(text.contains(" \(pane.title)"), "missing pane \(pane.title)")
        }
        Golden.check(text, named: "console-160x48")
    }

    @Test func waterfallOfATrace() {
        var state = Fixture.loadedState()
        state.focus = .traces
        state.zoomed = true
        state.openTrace = OpenTrace(trace: Fixture.trace, spanSelection: 1)
        let text = frame(state)
        #expect(text.contains("payments charge"))
        Golden.check(text, named: "traces-waterfall")
    }

    @Test func logsOfATraceShowGroupAndStream() {
        var state = Fixture.loadedState()
        state.focus = .logs
        state.zoomed = true
        state.logView.source = .trace(Fixture.traceID, span: nil, events: Array(Fixture.logs.prefix(2)), status: .loaded)
        let text = frame(state)
        #expect(text.contains("/ecs/payments"))
        #expect(!text.contains("\u{1B}"))
        Golden.check(text, named: "logs-trace")
    }

    /// Structured lines read by `LogLine` as a source reads them, one selected with its fields
    /// open: a pino error whose `err` holds a stack and a hostile user agent, a zap line, a
    /// logfmt one and a plain one; no escape sequence from a key or a value reaches the frame.
    @Test func structuredLogsWithTheSelectedLinesFieldsOpen() {
        var state = Fixture.loadedState()
        state.focus = .logs
        state.zoomed = true
        state.logs = BoundedBuffer(capacity: 100)
        state.logs.append(contentsOf: Fixture.structuredLogs)
        state.logView.follow = false
        state.logView.selection = 1
        state.logView.expanded = true
        let text = frame(state, width: 100, height: 30)
        #expect(text.contains("charge failed: no connection after 2000 ms"))
        #expect(text.contains("err.stack"))
        #expect(text.contains("PoolError: no connection after 2000 ms"))
        #expect(text.contains("{8 fields}"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{9B}") && !text.contains("\u{07}"))
        Golden.check(text, named: "logs-structured-fields")
        // Closed again: one row per line, the levels still read from the lines.
        state.logView.expanded = false
        let closed = frame(state, width: 100, height: 30)
        #expect(!closed.contains("err.stack"))
        #expect(closed.contains("WARN  search    slow query: context deadline exceeded"))
    }

    @Test func rollbackConfirmationNamesServiceVersionsAndTraffic() {
        var state = Fixture.loadedState()
        state.confirmation = PendingCommand(
            command: OperatorCommand(kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "k"),
            rollout: Fixture.canary
        )
        let text = frame(state, width: 120, height: 36)
        #expect(text.contains("Roll back checkout (production, eu-west-1)?"))
        #expect(text.contains("v1.42.0 → v1.41.2"))
        #expect(text.contains("stable 75% → 100%, canary 25% → 0%"))
        Golden.check(text, named: "confirm-rollback")
    }

    /// While a rollback keeps failing, a row across the top says so: tries, last error, next
    /// try, and the key that stops it.
    @Test func aPendingRollbackIsABannerAcrossTheTop() {
        var state = Fixture.loadedState()
        let command = OperatorCommand(kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "k")
        let attempt = CommandAttempt(number: 3, error: "moving traffic: ELBv2 ModifyListener failed: Throttling (HTTP 400)", retryIn: 4, trafficSettled: false)
        state.commandsInFlight = [CommandInFlight(command: command, lastAttempt: attempt, lastAttemptAt: Fixture.at(399))]
        let text = frame(state, width: 160, height: 40)
        let top = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.contains("ROLLING BACK checkout: not done yet"))
        #expect(top.contains("try 3 failed · next try in 3s · moving traffic: ELBv2 ModifyListener failed: Throttling"))
        #expect(top.hasSuffix(" C stops retrying"))
        Golden.check(text, named: "command-pending")

        state.commandsInFlight[0].lastAttempt?.trafficSettled = true
        let settled = frame(state, width: 160, height: 40).split(separator: "\n").first.map(String.init) ?? ""
        #expect(settled.contains("traffic is on stable · checkout: cleanup pending"))
        // At the smallest console the stop key still shows.
        let small = frame(state, width: 60, height: 16).split(separator: "\n").first.map(String.init) ?? ""
        #expect(small.hasSuffix(" C stops retrying"))
    }

    @Test func aFailingSourceMarksOnlyItsPane() {
        var state = Fixture.loadedState()
        state.tracesError = "X-Ray is throttling (HTTP 400): ThrottlingException"
        state.connection = .degraded(["traces: X-Ray is throttling"])
        let lines = frame(state, width: 160, height: 48).split(separator: "\n").map(String.init)
        let titles = lines.filter { $0.contains("╭") }
        let traces = titles.first { $0.contains(" Traces ") } ?? ""
        #expect(traces.contains("⚠ X-Ray is throttling"))
        #expect(titles.filter { $0.contains("⚠") }.count == 1, "only Traces is marked:\n\(titles.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains(" 1 source failing ") })
    }

    @Test func aThrottledSourceSaysSoInTheStatusLineAndItsPane() {
        var state = Fixture.loadedState()
        state.slowedPolls[.traces] = SlowedPoll(
            backoff: PollBackoff(api: "X-Ray", factor: 4, lastThrottledAt: Fixture.at(395)), every: 20, nextAt: Fixture.at(415))
        let lines = frame(state, width: 160, height: 48).split(separator: "\n").map(String.init)
        let titles = lines.filter { $0.contains("╭") }
        let traces = titles.first { $0.contains(" Traces ") } ?? ""
        #expect(traces.contains("⚠ X-Ray throttled: polling every 20 s · 2 of 2"))
        #expect(titles.filter { $0.contains("throttled") }.count == 1, "only Traces is slowed:\n\(titles.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains(" live ") && $0.contains(" X-Ray throttled: polling every 20 s ") })
        // Failing as well: the pace comes before the error, which is cut first.
        state.tracesError = "X-Ray is throttling (HTTP 400): ThrottlingException"
        let failing = frame(state, width: 160, height: 48).split(separator: "\n").first { $0.contains(" Traces ") }.map(String.init) ?? ""
        #expect(failing.contains("⚠ X-Ray throttled: polling every 20 s · X-Ray is throttling"))
    }

    @Test func helpListsTheActiveKeymap() {
        var state = Fixture.loadedState()
        state.showsHelp = true
        let text = frame(state, width: 120, height: 50)
        #expect(text.contains("keymap default"))
        #expect(text.contains("rollback"))
        Golden.check(text, named: "help")
    }

    @Test(arguments: [(10, 5), (1, 1), (0, 0), (59, 15), (60, 16), (200, 60)])
    func anySizeDrawsWithoutCrashing(size: (Int, Int)) {
        var state = Fixture.loadedState()
        state.showsHelp = size.0 == 200
        let buffer = DashboardView.render(state, width: size.0, height: size.1)
        #expect(buffer.width == size.0)
        if size == (10, 5) {
            #expect(buffer.plainText.contains("too"))
            Golden.check(buffer.plainText, named: "too-small-10x5")
        }
    }

    @Test func hostileDataNeverReachesTheFrameRaw() {
        var state = Fixture.loadedState()
        var evil = Fixture.canary
        evil.service = "pay\u{1B}]52;c;ZXZpbA==\u{07}ments\u{202E}"
        evil.events.append(TimelineEvent(time: Fixture.at(399), kind: .info, message: "\u{1B}[2J\u{1B}[Hcleared? \u{9B}31m"))
        state.rollouts = [evil]
        state.logs.append(LogEvent(timestamp: Fixture.at(399), group: "g", stream: "s", service: "x", level: .error, message: "\u{1B}P1$qm\u{1B}\\ dcs \u{0}nul 漢字 👩‍👩‍👧 e\u{301}"))
        let buffer = DashboardView.render(state, width: 160, height: 48)
        for cell in buffer.cells {
            for scalar in cell.symbol.unicodeScalars {
                #expect(!Sanitizer.isUnsafe(Character(scalar)), "unsafe scalar U+\(String(scalar.value, radix: 16)) in the frame")
            }
        }
        #expect(buffer.plainText.contains("payments"))
        #expect(buffer.plainText.contains("漢字"))
    }
}
