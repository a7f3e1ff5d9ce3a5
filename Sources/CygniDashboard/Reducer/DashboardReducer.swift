import CygniClients
import CygniModel
import CygniStore
import CygniTerminal
import Foundation

/// The console's logic: pure, every piece of I/O returned as an effect.
public struct DashboardReducer: Reducer {
    public let environment: DashboardEnvironment

    public init(environment: DashboardEnvironment) {
        self.environment = environment
    }

    public func reduce(into state: inout DashboardState, action: DashboardAction) -> Effect<DashboardAction> {
        switch action {
        case .start:
            return .merge(timer(), followUpdates(&state), refresh(&state, includingCost: true))

        case .tick(let now):
            state.now = now
            state.ticksSinceCost += 1
            let costIsDue = state.ticksSinceCost >= environment.costEveryTicks && !state.isHeldBack(.cost)
            if costIsDue && !state.refreshInFlight { state.ticksSinceCost = 0 }
            return refresh(&state, includingCost: costIsDue)

        case .load:
            return refresh(&state, includingCost: true)

        case .refreshRequested:
            return refresh(&state, everything: true)

        case .refreshed(let result):
            apply(result, to: &state)
            return .none

        case .costLoaded(let result):
            if let now = state.now { pace(.cost, after: result, at: now, in: &state) }
            switch result {
            case .success(let report):
                state.cost = report
                state.costError = nil
                state.notRead[.cost] = nil
                state.readAt[.cost] = state.now
                state.costSelection = min(state.costSelection, max(0, report.services.count - 1))
            case .failure(let error) where !error.isFailure:
                state.notRead[.cost] = Sanitizer.clean(error.message)
            case .failure(let error):
                state.costError = Sanitizer.clean(error.message)
            }
            return .none

        case .awsUsageLoaded(.success(let usage)):
            state.awsUsage = usage
            state.awsUsageError = nil
            return .none

        case .awsUsageLoaded(.failure(let error)):
            state.awsUsageError = Sanitizer.clean(error.message)
            return .none

        case .controlPlaneUpdate(let update):
            return apply(update, to: &state)

        case .traceLogsLoaded(let trace, let span, let result):
            guard case .trace(let shown, let shownSpan, _, _) = state.logView.source, shown == trace, shownSpan == span else {
                return .none  // the operator has moved on; a late answer must not replace the view
            }
            switch result {
            case .success(let events):
                state.logView.source = .trace(trace, span: span, events: events, status: .loaded)
            case .failure(let error):
                state.logView.source = .trace(trace, span: span, events: [], status: .failed(Sanitizer.clean(error.message)))
            }
            return .none

        case .commandRetrying(let command, let attempt):
            guard let index = state.commandsInFlight.firstIndex(where: { $0.idempotencyKey == command.idempotencyKey }) else { return .none }
            state.commandsInFlight[index].lastAttempt = attempt
            state.commandsInFlight[index].lastAttemptAt = state.now
            return .none

        case .commandFinished(let command, let result):
            // A command the operator stopped sends nothing more (its effect is cancelled).
            guard state.commandsInFlight.contains(where: { $0.idempotencyKey == command.idempotencyKey }) else { return .none }
            state.commandsInFlight.removeAll { $0.idempotencyKey == command.idempotencyKey }
            switch result {
            case .success(let outcome) where outcome.accepted:
                let text = outcome.duplicate
                    ? "\(command.kind.rawValue) of \(command.service) was already done"
                    : Sanitizer.clean(outcome.message)
                return .merge(show(text, outcome.cleanupPending == nil ? .info : .warning, in: &state), refresh(&state))
            case .success(let outcome):
                return show("\(command.kind.rawValue) of \(command.service) refused: \(Sanitizer.clean(outcome.message))", .warning, in: &state)
            case .failure(let error):
                return .merge(
                    show("\(command.kind.rawValue) of \(command.service) failed: \(Sanitizer.clean(error.message))", .error, in: &state), refresh(&state))
            }

        case .themeLoaded(.success(let theme)):
            state.theme = theme
            return show("theme \(theme.name)", .info, in: &state)

        case .keymapLoaded(.success(let keymap)):
            state.keymap = keymap
            return show("keymap \(keymap.name)", .info, in: &state)

        case .themeLoaded(.failure(let error)), .keymapLoaded(.failure(let error)):
            return show(Sanitizer.clean(error.description), .error, in: &state)

        case .flashExpired(let id):
            if state.flash?.id == id { state.flash = nil }
            return .none

        case .key(let key):
            return handle(key, in: &state)

        case .resized(let width, let height):
            state.width = width
            state.height = height
            clampSelections(&state)
            return .none

        case .quit:
            state.quitRequested = true
            return .merge(.cancel(id: DashboardEffect.timer), .cancel(id: DashboardEffect.flash), .cancel(id: DashboardEffect.updates))
        }
    }

    // MARK: Effects

    private func timer() -> Effect<DashboardAction> {
        let clock = environment.clock
        let interval = environment.refreshInterval
        let worldClock = environment.clients.clock
        return Effect<DashboardAction>.run { send in
            while !Task.isCancelled {
                do {
                    try await clock.sleep(for: interval, tolerance: nil)
                } catch {
                    return
                }
                await send(.tick(await worldClock.now()))
            }
        }
        .cancellable(id: DashboardEffect.timer, cancelInFlight: true)
    }

    /// Follows the control plane's pushed changes for as long as the console runs; nothing for
    /// a source that pushes none.
    private func followUpdates(_ state: inout DashboardState) -> Effect<DashboardAction> {
        guard let updates = environment.clients.controlPlane.updates else { return .none }
        state.eventStream = .connecting
        return Effect<DashboardAction>.run { send in
            for await update in updates() {
                await send(.controlPlaneUpdate(update))
            }
        }
        .cancellable(id: DashboardEffect.updates, cancelInFlight: true)
    }

    /// Fetches rollouts, SLOs and the new traces and logs (and, when asked, cost and AWS usage, afterwards, so
    /// the order of the answers is fixed); skipped while one is still running so a slow source
    /// never piles up requests. A pane hidden behind a zoomed one drives no reads of its own, and
    /// traces and logs are asked only as often as the cadence says (`everything`: asked now). A
    /// source whose API throttled is asked when its slowed interval is out, whatever asks.
    func refresh(_ state: inout DashboardState, includingCost: Bool = false, everything: Bool = false) -> Effect<DashboardAction> {
        guard !state.refreshInFlight else { return .none }
        state.refreshInFlight = true
        state.pushedDuringRefresh = []
        let round = state.refreshesStarted
        state.refreshesStarted += 1
        let cadence = environment.cadence
        func asks(_ pane: PaneID, every: Int = 1) -> Bool {
            // A slowed source keeps its own time: asked once its interval is out, not at the next round of the cadence.
            let due = state.slowedPolls[pane.source] == nil ? everything || round % every == 0 : !state.isHeldBack(pane.source)
            return (!state.zoomed || state.focus == pane) && due
        }
        let asksRollouts = !state.isHeldBack(.rollouts)
        let includingCost = includingCost && !state.isHeldBack(.cost)
        let (asksSLOs, asksTraces, asksLogs) = (asks(.slo), asks(.traces, every: cadence.traces), asks(.logs, every: cadence.logs))
        let clients = environment.clients
        let tracesSince = state.traces.isEmpty ? nil : state.traces[state.traces.count - 1].start
        let logsSince = state.logs.isEmpty ? nil : state.logs[state.logs.count - 1].timestamp
        return Effect<DashboardAction>.run { send in
            async let rollouts = asksRollouts ? Self.capture { try await clients.controlPlane.rollouts() } : nil
            async let slos = asksSLOs ? Self.capture { try await clients.telemetry.slos() } : nil
            async let traces = asksTraces ? Self.capture { try await clients.telemetry.traces(tracesSince) } : nil
            async let logs = asksLogs ? Self.capture { try await clients.telemetry.logs(logsSince) } : nil
            let (rolloutsRead, slosRead, tracesRead, logsRead) = await (rollouts, slos, traces, logs)
            // The world's time once the answers are in: a source that tells its time with its
            // answer (cygnid) has told it by now.
            let now = await clients.clock.now()
            await send(.refreshed(Refresh(now: now, rollouts: rolloutsRead, slos: slosRead, traces: tracesRead, logs: logsRead)))
            if includingCost {
                await send(.costLoaded(await Self.capture { try await clients.cost.report() }))
                // After the cost, so the Cost Explorer requests it made are counted.
                await send(.awsUsageLoaded(await Self.capture { try await clients.awsUsage.report() }))
            }
        }
        .cancellable(id: DashboardEffect.refresh)
    }

    func loadTraceLogs(_ trace: TraceID, span: SpanID?) -> Effect<DashboardAction> {
        let telemetry = environment.clients.telemetry
        return Effect<DashboardAction>.run { send in
            await send(.traceLogsLoaded(trace, span, await Self.capture { try await telemetry.logsForTrace(trace, span) }))
        }
        .cancellable(id: DashboardEffect.traceLogs, cancelInFlight: true)
    }

    /// Shows a message in the status line and clears it after a while.
    func show(_ text: String, _ severity: Flash.Severity, in state: inout DashboardState) -> Effect<DashboardAction> {
        let id = state.nextFlashID
        state.nextFlashID += 1
        state.flash = Flash(id: id, text: text, severity: severity)
        let clock = environment.clock
        let duration = environment.flashDuration
        return Effect<DashboardAction>.run { send in
            do {
                try await clock.sleep(for: duration, tolerance: nil)
            } catch {
                return
            }
            await send(.flashExpired(id))
        }
        .cancellable(id: DashboardEffect.flash, cancelInFlight: true)
    }

    /// Runs a client call and turns any error into the ClientError panes display.
    static func capture<Value: Sendable>(_ work: () async throws -> Value) async -> Result<Value, ClientError> {
        do {
            return .success(try await work())
        } catch let error as ClientError {
            return .failure(error)
        } catch is CancellationError {
            return .failure(ClientError("cancelled"))
        } catch {
            return .failure(ClientError(String(describing: error)))
        }
    }
}
