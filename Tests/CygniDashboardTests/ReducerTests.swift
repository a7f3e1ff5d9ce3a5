import CygniClients
import CygniModel
import CygniStore
import CygniStoreTesting
import CygniTerminal
import Foundation
import Testing
@testable import CygniDashboard

@MainActor
struct ReducerTests {
    let controlPlane = FixtureControlPlane()
    let clock = TestClock()

    func environment(readOnly: Bool = false, cadence: SourceCadence = .everyRefresh) -> DashboardEnvironment {
        DashboardEnvironment(
            clients: controlPlane.clients(), clock: clock, refreshInterval: .seconds(1), costEveryTicks: 3, cadence: cadence,
            flashDuration: .seconds(5),
            loadTheme: { name in name == "monochrome" ? .success(Fixture.theme) : .failure(ConfigurationError(file: "themes/\(name).toml", message: "no theme named \"\(name)\"")) },
            loadKeymap: { _ in .success(Fixture.keymap) },
            actor: "operator:test"
        )
    }

    @Test func loadFetchesEverySourceAndMarksTheConsoleLive() async {
        let store = TestStore(initialState: Fixture.state(), reducer: DashboardReducer(environment: environment()))
        await store.send(.load) {
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await store.receive(.refreshed(Refresh(
            now: Fixture.at(400), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .success(Fixture.slos),
            traces: .success([Fixture.trace, Fixture.okTrace]), logs: .success(Fixture.logs)
        ))) {
            $0.refreshInFlight = false
            $0.now = Fixture.at(400)
            $0.lastRefresh = Fixture.at(400)
            $0.connection = .live
            $0.rollouts = [Fixture.canary, Fixture.finished]
            $0.slos = Fixture.slos
            $0.traces.append(contentsOf: [Fixture.trace, Fixture.okTrace])
            $0.logs.append(contentsOf: Fixture.logs)
            for source in [DataSource.rollouts, .slos, .traces, .logs] { $0.readAt[source] = Fixture.at(400) }
        }
        await store.receive(.costLoaded(.success(Fixture.cost))) {
            $0.cost = Fixture.cost
            $0.readAt[.cost] = Fixture.at(400)
        }
        await store.receive(.awsUsageLoaded(.success(Fixture.awsUsage))) { $0.awsUsage = Fixture.awsUsage }
        await store.finish()
    }

    /// A control plane's pushed change replaces the rollout and adds its new timeline lines; a
    /// read that was under way when it came does not undo it; the stream's state is kept.
    @Test func pushedChangesAreFoldedInAndOutliveAnOlderRead() async {
        var initial = Fixture.loadedState()
        initial.refreshInFlight = true
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        var paused = Fixture.canary
        paused.phase = .paused
        paused.reason = "paused by pat"
        paused.events = []
        let line = TimelineEvent(time: Fixture.at(402), kind: .operatorAction, severity: .warning, message: "pause: baking -> paused", actor: "operator:pat")
        await store.send(.controlPlaneUpdate(.rolloutChanged(paused, newEvents: [line], eventID: "41"))) {
            var shown = paused
            shown.events = Fixture.canary.events + [line]
            $0.rollouts = [shown, Fixture.finished]
            $0.eventStream = .live
            $0.pushedDuringRefresh = [Fixture.canary.id]
        }
        // The read started before the change answers with the rollout as it was: the pushed one stays.
        await store.send(.refreshed(Refresh(
            now: Fixture.at(403), rollouts: .success([Fixture.canary, Fixture.finished]), slos: nil, traces: nil, logs: nil
        ))) {
            $0.refreshInFlight = false
            $0.now = Fixture.at(403)
            $0.lastRefresh = Fixture.at(403)
            $0.readAt[.rollouts] = Fixture.at(403)
            $0.pushedDuringRefresh = []
        }
        #expect(store.state.rollouts.first?.phase == .paused)
        #expect(store.state.rollouts.first?.events.last == line)
        await store.send(.controlPlaneUpdate(.disconnected(reason: "cygnid at 127.0.0.1:7070 closed the event stream", retryIn: 2))) {
            $0.eventStream = .reconnecting("cygnid at 127.0.0.1:7070 closed the event stream")
        }
        // Back: the stream is live again and a read puts everything else right.
        await store.send(.controlPlaneUpdate(.connected)) {
            $0.eventStream = .live
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await store.receive(.refreshed(Refresh(
            now: Fixture.at(400), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .success(Fixture.slos),
            traces: .success([]), logs: .success([])
        ))) {
            $0.refreshInFlight = false
            $0.now = Fixture.at(400)
            $0.lastRefresh = Fixture.at(400)
            for source in [DataSource.rollouts, .slos, .traces, .logs] { $0.readAt[source] = Fixture.at(400) }
            $0.rollouts = [Fixture.canary, Fixture.finished]
        }
        await store.finish()
    }

    /// A source that does not serve a pane (a cygnid from before its telemetry routes) is not read, not failing.
    @Test func aSourceThatServesNoTelemetryIsNotAFailure() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        await store.send(.refreshed(Refresh(
            now: Fixture.at(401), rollouts: .success([Fixture.canary, Fixture.finished]),
            slos: .failure(.notRead("cygnid at 127.0.0.1:7070 does not serve SLOs yet")), traces: nil, logs: nil
        ))) {
            $0.now = Fixture.at(401)
            $0.lastRefresh = Fixture.at(401)
            $0.readAt[.rollouts] = Fixture.at(401)
            $0.notRead[.slos] = "cygnid at 127.0.0.1:7070 does not serve SLOs yet"
        }
        #expect(store.state.connection == .live)
        #expect(store.state.failingSources.isEmpty)
        await store.finish()
    }

    @Test func aFailingSourceDegradesOnlyItsPanes() async {
        controlPlane.failRollouts = true
        var initial = Fixture.loadedState()
        initial.refreshInFlight = true
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        let refresh = Refresh(
            now: Fixture.at(410), rollouts: .failure(ClientError("control plane unreachable")), slos: .success(Fixture.slos),
            traces: .success([]), logs: .success([])
        )
        await store.send(.refreshed(refresh)) {
            $0.refreshInFlight = false
            $0.now = Fixture.at(410)
            $0.lastRefresh = Fixture.at(410)
            $0.rolloutsError = "control plane unreachable"
            $0.connection = .degraded(["rollouts: control plane unreachable"])
            for source in [DataSource.slos, .traces, .logs] { $0.readAt[source] = Fixture.at(410) }
        }
        // The rollouts' panes say how old what they still show is.
        #expect(store.state.staleAge(of: .rollouts, failing: true) == 10)
        // The last good rollouts stay on screen, marked by the error.
        #expect(store.state.rollouts == [Fixture.canary, Fixture.finished])
        await store.finish()
    }

    @Test func rollbackAsksFirstThenSendsExactlyOneCommand() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        let expected = OperatorCommand(
            kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil,
            actor: "operator:test", idempotencyKey: "test-1"
        )
        await store.send(.key(.character("R"))) {
            $0.commandsIssued = 1
            $0.confirmation = PendingCommand(command: expected, rollout: Fixture.canary)
        }
        #expect(controlPlane.commands.isEmpty)
        await store.send(.key(.character("y"))) {
            $0.confirmation = nil
            $0.commandsInFlight = [CommandInFlight(command: expected)]
            $0.flash = Flash(id: 1, text: "rolling back checkout…", severity: .info)
            $0.nextFlashID = 2
        }
        await store.receive(.commandFinished(expected, .success(CommandOutcome(accepted: true, message: "rollback of checkout started")))) {
            $0.commandsInFlight = []
            $0.flash = Flash(id: 2, text: "rollback of checkout started", severity: .info)
            $0.nextFlashID = 3
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await receiveRefreshAfterCommand(store)
        await clock.advance(by: .seconds(5))
        await store.receive(.flashExpired(2)) { $0.flash = nil }
        await store.finish()
        #expect(controlPlane.commands == [expected])
    }

    /// The refresh a finished or stopped command starts: the fixture's data, nothing new.
    func receiveRefreshAfterCommand(_ store: TestStore<DashboardReducer>) async {
        await store.receive(.refreshed(Refresh(
            now: Fixture.at(400), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .success(Fixture.slos),
            traces: .success([]), logs: .success([])
        ))) {
            $0.refreshInFlight = false
        }
    }

    /// `R`, then `y` on the fixture's canary: the confirmation opens, then the rollback is sent.
    func confirmRollback(_ store: TestStore<DashboardReducer>) async -> OperatorCommand {
        let expected = OperatorCommand(
            kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "test-1")
        await store.send(.key(.character("R"))) {
            $0.commandsIssued = 1
            $0.confirmation = PendingCommand(command: expected, rollout: Fixture.canary)
        }
        await store.send(.key(.character("y"))) {
            $0.confirmation = nil
            $0.commandsInFlight = [CommandInFlight(command: expected)]
            $0.flash = Flash(id: 1, text: "rolling back checkout…", severity: .info)
            $0.nextFlashID = 2
        }
        return expected
    }

    /// A try that fails is kept on screen (the banner) until the command is done.
    @Test func aFailedTryStaysVisibleUntilTheCommandIsDone() async {
        controlPlane.failedTriesBeforeSuccess = 1
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        let attempt = CommandAttempt(number: 1, error: "ELBv2 ModifyListener failed: Throttling (HTTP 400)", retryIn: 2, trafficSettled: false)
        let expected = await confirmRollback(store)
        await store.receive(.commandRetrying(expected, attempt)) {
            $0.commandsInFlight = [CommandInFlight(command: expected, lastAttempt: attempt, lastAttemptAt: Fixture.at(400))]
        }
        #expect(store.state.commandsInFlight.first?.secondsToNextTry(now: Fixture.at(401)) == 1)
        await store.receive(.commandFinished(expected, .success(CommandOutcome(accepted: true, message: "rollback of checkout started")))) {
            $0.commandsInFlight = []
            $0.flash = Flash(id: 2, text: "rollback of checkout started", severity: .info)
            $0.nextFlashID = 3
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await receiveRefreshAfterCommand(store)
        store.cancelAllEffects()
    }

    @Test func theStopKeyStopsRetryingAndSaysTrafficMayNotHaveMoved() async {
        controlPlane.hangs = true
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        let expected = await confirmRollback(store)
        await store.send(.key(.character("C"))) {
            $0.commandsInFlight = []
            $0.flash = Flash(id: 2, text: "stopped rolling back checkout during its first try; traffic may not have moved", severity: .warning)
            $0.nextFlashID = 3
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await receiveRefreshAfterCommand(store)
        // Nothing more arrives from the stopped command: its effect is cancelled.
        store.cancelAllEffects()
        await store.send(.key(.character("C"))) {
            $0.flash = Flash(id: 3, text: "no command is being carried out", severity: .info)
            $0.nextFlashID = 4
        }
        store.cancelAllEffects()
    }

    /// X-Ray failing marks Traces, CloudWatch failing marks SLO; the others keep their data.
    @Test func eachPaneKeepsItsOwnSourcesError() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        await store.send(.refreshed(Refresh(
            now: Fixture.at(401), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .failure(ClientError("CloudWatch failed (HTTP 503)")),
            traces: .failure(ClientError("X-Ray is throttling")), logs: .success([])
        ))) {
            $0.now = Fixture.at(401)
            $0.lastRefresh = Fixture.at(401)
            $0.readAt[.rollouts] = Fixture.at(401)
            $0.readAt[.logs] = Fixture.at(401)
            $0.sloError = "CloudWatch failed (HTTP 503)"
            $0.tracesError = "X-Ray is throttling"
            $0.connection = .degraded(["SLOs: CloudWatch failed (HTTP 503)", "traces: X-Ray is throttling"])
        }
        #expect(store.state.logsError == nil && store.state.rolloutsError == nil)
        #expect(store.state.failingSources == ["SLOs", "traces"])
        await store.finish()
    }

    @Test func aSecondConfirmSendsNothing() {
        let reducer = DashboardReducer(environment: environment())
        var state = Fixture.loadedState()
        _ = reducer.reduce(into: &state, action: .key(.character("R")))
        let first = reducer.reduce(into: &state, action: .key(.character("y")))
        #expect(!first.isNone)
        #expect(state.commandsInFlight.count == 1)
        let second = reducer.reduce(into: &state, action: .key(.character("y")))
        #expect(second.isNone)
        #expect(state.confirmation == nil)
        #expect(state.commandsInFlight.count == 1)
    }

    @Test func repeatedRollbackWhileOneIsInFlightDoesNotOpenASecondDialog() async {
        var initial = Fixture.loadedState()
        let sent = OperatorCommand(kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "test-1")
        initial.commandsInFlight = [CommandInFlight(command: sent)]
        initial.commandsIssued = 1
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("R"))) {
            $0.flash = Flash(id: 1, text: "rollback of checkout already sent; waiting for the answer", severity: .warning)
            $0.nextFlashID = 2
        }
        store.cancelAllEffects()
    }

    @Test func readOnlyRefusesAndSaysWhy() async {
        let store = TestStore(initialState: Fixture.loadedState(readOnly: true), reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("R"))) {
            $0.flash = Flash(id: 1, text: "read-only: rollback is disabled (cx was started with --read-only)", severity: .warning)
            $0.nextFlashID = 2
        }
        await clock.advance(by: .seconds(5))
        await store.receive(.flashExpired(1)) { $0.flash = nil }
        await store.finish()
        #expect(controlPlane.commands.isEmpty)
    }

    @Test func aFinishedRolloutCannotBeRolledBack() async {
        var initial = Fixture.loadedState()
        initial.selectedRollout = 1
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("R"))) {
            $0.flash = Flash(id: 1, text: "catalog: the rollout has already succeeded; nothing to rollback", severity: .warning)
            $0.nextFlashID = 2
        }
        store.cancelAllEffects()
    }

    @Test func cancellingTheDialogSendsNothing() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("P"))) {
            $0.commandsIssued = 1
            $0.confirmation = PendingCommand(
                command: OperatorCommand(kind: .promote, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "test-1"),
                rollout: Fixture.canary
            )
        }
        // Keys that mean something elsewhere do nothing behind an open dialog.
        await store.send(.key(.character("q")))  {
            $0.confirmation = nil
            $0.flash = Flash(id: 1, text: "cancelled", severity: .info)
            $0.nextFlashID = 2
        }
        store.cancelAllEffects()
        #expect(controlPlane.commands.isEmpty)
    }

    @Test func focusCyclesZoomTogglesAndHelpOpens() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.tab)) { $0.focus = .traffic }
        await store.send(.key(.backTab)) { $0.focus = .timeline }
        await store.send(.key(.backTab)) { $0.focus = .logs }
        await store.send(.key(.character("5"))) { $0.focus = .traces }
        await store.send(.key(.character("z"))) { $0.zoomed = true }
        await store.send(.key(.escape)) { $0.zoomed = false }
        await store.send(.key(.character("?"))) { $0.showsHelp = true }
        await store.send(.key(.character("j"))) { $0.helpScroll = 1 }
        await store.send(.key(.escape)) { $0.showsHelp = false }
        await store.finish()
    }

    @Test func tracesDrillDownToTheWaterfallAndToTheLogsOfASpan() async {
        var initial = Fixture.loadedState()
        initial.focus = .traces
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        // Newest first: the ok trace started last.
        await store.send(.key(.down)) { $0.traceSelection = 1 }
        await store.send(.key(.enter)) { $0.openTrace = OpenTrace(trace: Fixture.trace) }
        await store.send(.key(.down)) { $0.openTrace?.spanSelection = 1 }
        await store.send(.key(.character("l"))) {
            $0.focus = .logs
            $0.logView.source = .trace(Fixture.traceID, span: Fixture.childSpan, events: [], status: .loading)
            $0.logView.follow = false
        }
        let spanLogs = Fixture.logs.filter { $0.spanID == Fixture.childSpan }
        await store.receive(.traceLogsLoaded(Fixture.traceID, Fixture.childSpan, .success(spanLogs))) {
            $0.logView.source = .trace(Fixture.traceID, span: Fixture.childSpan, events: spanLogs, status: .loaded)
        }
        // Esc in Logs goes back to the live tail; again, the waterfall closes.
        await store.send(.key(.escape)) { $0.logView = LogViewState() }
        await store.send(.key(.character("5"))) { $0.focus = .traces }
        await store.send(.key(.escape)) { $0.openTrace = nil }
        await store.finish()
    }

    @Test func errorFilterAndTypedQueryNarrowTheTraces() async {
        var initial = Fixture.loadedState()
        initial.focus = .traces
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("e"))) { $0.traceFilter = .errors }
        #expect(store.state.visibleTraces.map(\.id) == [Fixture.traceID])
        await store.send(.key(.character("e"))) { $0.traceFilter = .all }
        await store.send(.key(.character("/"))) { $0.input = InputLine(purpose: .filter(.traces)) }
        await store.send(.key(.character("c"))) {
            $0.input = InputLine(purpose: .filter(.traces), text: "c")
            $0.traceQuery = "c"
        }
        await store.send(.key(.character("a"))) {
            $0.input = InputLine(purpose: .filter(.traces), text: "ca")
            $0.traceQuery = "ca"
        }
        #expect(store.state.visibleTraces.map(\.service) == ["catalog"])
        await store.send(.key(.enter)) { $0.input = nil }
        await store.send(.key(.escape)) { $0.traceQuery = "" }
        await store.finish()
    }

    @Test func slashFiltersTheFocusedListAndEscClearsIt() async {
        var initial = Fixture.loadedState()
        initial.focus = .slo
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("/"))) { $0.input = InputLine(purpose: .filter(.slo)) }
        await store.send(.key(.character("p"))) {
            $0.input?.text = "p"
            $0.listFilters[.slo] = "p"
        }
        #expect(store.state.visibleSLOs.map(\.service) == ["payments"])
        await store.send(.key(.enter)) { $0.input = nil }
        await store.send(.key(.escape)) { $0.listFilters[.slo] = nil }
        #expect(store.state.visibleSLOs.count == 2)
        // In Traffic, the filter narrows the Timeline's rollouts, which Traffic follows.
        await store.send(.key(.character("2"))) { $0.focus = .traffic }
        await store.send(.key(.character("/"))) { $0.input = InputLine(purpose: .filter(.timeline)) }
        await store.send(.key(.character("c"))) {
            $0.input?.text = "c"
            $0.listFilters[.timeline] = "c"
        }
        await store.send(.key(.character("a"))) {
            $0.input?.text = "ca"
            $0.listFilters[.timeline] = "ca"
        }
        #expect(store.state.currentRollout?.service == "catalog")
        await store.finish()
    }

    @Test func logSearchFindsAndFollowToggles() async {
        var initial = Fixture.loadedState()
        initial.focus = .logs
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character("w"))) { $0.logView.wrap = true }
        await store.send(.key(.character("/"))) { $0.input = InputLine(purpose: .search) }
        for (index, character) in "cache".enumerated() {
            await store.send(.key(.character(character))) { $0.input?.text = String("cache".prefix(index + 1)) }
        }
        await store.send(.key(.enter)) {
            $0.input = nil
            $0.logView.search = "cache"
            $0.logView.selection = 2
            $0.logView.follow = false
            $0.logView.scroll = 0
        }
        await store.send(.key(.character("G"))) {
            $0.logView.follow = true
            $0.logView.selection = nil
        }
        await store.finish()
    }

    /// Up selects the newest line and holds the view; Enter opens its fields, Esc closes them;
    /// moving past the newest line follows again.
    @Test func theSelectedLogLineOpensItsFields() async {
        var initial = Fixture.loadedState()
        initial.focus = .logs
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.up)) {
            $0.logView.follow = false
            $0.logView.selection = 2
        }
        await store.send(.key(.up)) { $0.logView.selection = 1 }
        await store.send(.key(.enter)) { $0.logView.expanded = true }
        // The fields follow the selection.
        await store.send(.key(.character("k"))) { $0.logView.selection = 0 }
        await store.send(.key(.escape)) { $0.logView.expanded = false }
        await store.send(.key(.character(" "))) { $0.logView.expanded = true }
        await store.send(.key(.character("G"))) {
            $0.logView.follow = true
            $0.logView.selection = nil
            $0.logView.expanded = false
        }
        // Following, Enter selects the newest line and opens it at once.
        await store.send(.key(.enter)) {
            $0.logView.follow = false
            $0.logView.selection = 2
            $0.logView.expanded = true
        }
        await store.send(.key(.down)) {
            $0.logView.follow = true
            $0.logView.selection = nil
            $0.logView.expanded = false
        }
        await store.finish()
    }

    @Test func commandLineSwitchesThemeAndReportsUnknownOnes() async {
        var initial = Fixture.loadedState()
        initial.theme = Theme.builtInFallback
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.character(":"))) { $0.input = InputLine(purpose: .command) }
        for (index, character) in "theme monochrome".enumerated() {
            await store.send(.key(.character(character))) { $0.input?.text = String("theme monochrome".prefix(index + 1)) }
        }
        await store.send(.key(.enter)) { $0.input = nil }
        await store.receive(.themeLoaded(.success(Fixture.theme))) {
            $0.theme = Fixture.theme
            $0.flash = Flash(id: 1, text: "theme monochrome", severity: .info)
            $0.nextFlashID = 2
        }
        store.cancelAllEffects()
    }

    @Test func timerTicksRefreshAndFetchCostLessOften() async {
        let store = TestStore(initialState: Fixture.loadedState(), reducer: DashboardReducer(environment: environment()))
        await store.send(.start) {
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await store.receive(.refreshed(Refresh(
            now: Fixture.at(400), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .success(Fixture.slos),
            traces: .success([]), logs: .success([])
        ))) { $0.refreshInFlight = false }
        await store.receive(.costLoaded(.success(Fixture.cost)))
        await store.receive(.awsUsageLoaded(.success(Fixture.awsUsage)))
        await clock.advance(by: .seconds(1))
        await store.receive(.tick(Fixture.at(400))) {
            $0.ticksSinceCost = 1
            $0.refreshInFlight = true
            $0.refreshesStarted = 2
        }
        await store.receive(.refreshed(Refresh(
            now: Fixture.at(400), rollouts: .success([Fixture.canary, Fixture.finished]), slos: .success(Fixture.slos),
            traces: .success([]), logs: .success([])
        ))) { $0.refreshInFlight = false }
        await store.send(.quit) { $0.quitRequested = true }
        await store.finish()
    }

    /// Behind a zoomed pane, the hidden panes' sources are not asked; traces and logs are asked
    /// only as often as the cadence says, unless the operator asks for a refresh.
    @Test func hiddenPanesAndSourcesNotDueAreNotAsked() async {
        var initial = Fixture.loadedState()
        initial.zoomed = true
        initial.focus = .timeline
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment(cadence: SourceCadence(traces: 2, logs: 3))))
        let rollouts: Result<[Rollout], ClientError> = .success([Fixture.canary, Fixture.finished])
        await store.send(.refreshRequested) {
            $0.refreshInFlight = true
            $0.refreshesStarted = 1
        }
        await store.receive(.refreshed(Refresh(now: Fixture.at(400), rollouts: rollouts, slos: nil, traces: nil, logs: nil))) {
            $0.refreshInFlight = false
        }
        await store.send(.key(.character("z"))) { $0.zoomed = false }
        await store.send(.tick(Fixture.at(401))) {
            $0.now = Fixture.at(401)
            $0.ticksSinceCost = 1
            $0.refreshInFlight = true
            $0.refreshesStarted = 2
        }
        // SLOs are due every round, traces every second (rounds 0, 2, ...), logs every third.
        await store.receive(.refreshed(Refresh(now: Fixture.at(400), rollouts: rollouts, slos: .success(Fixture.slos), traces: nil, logs: nil))) {
            $0.now = Fixture.at(400)
            $0.refreshInFlight = false
        }
        await store.send(.tick(Fixture.at(402))) {
            $0.now = Fixture.at(402)
            $0.ticksSinceCost = 2
            $0.refreshInFlight = true
            $0.refreshesStarted = 3
        }
        await store.receive(.refreshed(Refresh(now: Fixture.at(400), rollouts: rollouts, slos: .success(Fixture.slos), traces: .success([]), logs: nil))) {
            $0.now = Fixture.at(400)
            $0.refreshInFlight = false
        }
        await store.finish()
    }

    @Test func resizeKeepsSelectionsInRange() async {
        var initial = Fixture.loadedState()
        initial.selectedRollout = 1
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.resized(width: 10, height: 5)) {
            $0.width = 10
            $0.height = 5
        }
        await store.finish()
    }
}

struct CommandCompletionTests {
    @Test func completesVerbsThenServices() {
        #expect(CommandCompletion.complete("ro", services: []) == "rollback ")
        #expect(CommandCompletion.complete("p", services: []) == "p")  // promote, pause: nothing shared beyond "p"
        #expect(CommandCompletion.complete("pr", services: []) == "promote ")
        #expect(CommandCompletion.complete("rollback ch", services: ["checkout", "catalog"]) == "rollback checkout ")
        #expect(CommandCompletion.complete("rollback c", services: ["checkout", "catalog"]) == "rollback c")
        #expect(CommandCompletion.complete("filter e", services: []) == "filter errors")
        #expect(CommandCompletion.complete("theme li", services: []) == "theme li")
    }
}
