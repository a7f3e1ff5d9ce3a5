import CygniClients
import CygniModel
import CygniStore
import CygniTerminal
import Foundation

extension DashboardReducer {
    /// Folds one round of fetched data into the state, source by source. A source that says it
    /// was not read on purpose (cygnid serves no SLOs yet) is shown as such, not as failing.
    func apply(_ refresh: Refresh, to state: inout DashboardState) {
        state.refreshInFlight = false
        state.now = refresh.now
        var failures: [String] = []
        var asked = 0

        /// The source's error, or nil once it answered; counts what was asked and what failed.
        func fold<Value>(_ result: Result<Value, ClientError>?, _ source: DataSource, _ name: String, _ error: WritableKeyPath<DashboardState, String?>, _ use: (Value) -> Void) {
            if let result { pace(source, after: result, at: refresh.now, in: &state) }
            switch result {
            case nil:
                return
            case .failure(let failure) where !failure.isFailure:
                state.notRead[source] = Sanitizer.clean(failure.message)
                state[keyPath: error] = nil
            case .failure(let failure):
                asked += 1
                let message = Sanitizer.clean(failure.message)
                state[keyPath: error] = message
                failures.append("\(name): \(message)")
            case .success(let value):
                asked += 1
                use(value)
                state.notRead[source] = nil
                state[keyPath: error] = nil
                state.readAt[source] = refresh.now
            }
        }

        fold(refresh.rollouts, .rollouts, "rollouts", \.rolloutsError) { rollouts in
            let selectedID = state.currentRollout?.id
            // A rollout the event stream changed while this read was under way is newer than this answer.
            let pushed = Dictionary(state.rollouts.filter { state.pushedDuringRefresh.contains($0.id) }.map { ($0.id, $0) }) { first, _ in first }
            state.rollouts = rollouts.map { pushed[$0.id] ?? $0 }
            if let selectedID, let index = state.visibleRollouts.firstIndex(where: { $0.id == selectedID }) {
                state.selectedRollout = index
            } else if selectedID == nil, let active = state.visibleRollouts.firstIndex(where: \.isActive) {
                state.selectedRollout = active  // first look: the rollout that is moving
            }
        }
        state.pushedDuringRefresh = []
        fold(refresh.slos, .slos, "SLOs", \.sloError) { state.slos = $0 }
        fold(refresh.traces, .traces, "traces", \.tracesError) { traces in
            let before = state.visibleTraceIndices.count
            state.traces.append(contentsOf: traces)
            // Keep the same trace under the cursor while new ones arrive above it.
            if state.traceSelection > 0 {
                state.traceSelection += max(0, state.visibleTraceIndices.count - before)
            }
        }
        fold(refresh.logs, .logs, "logs", \.logsError) { logs in
            let dropped = state.logs.dropped
            state.logs.append(contentsOf: logs)
            // The oldest lines let go shift the rest: a held view keeps its lines in place.
            let shift = state.logs.dropped - dropped
            if shift > 0, state.logView.source == .tail, !state.logView.follow {
                state.logView.scroll = max(0, state.logView.scroll - shift)
                state.logView.selection = state.logView.selection.map { max(0, $0 - shift) }
            }
        }

        if failures.isEmpty {
            state.connection = .live
            state.lastRefresh = refresh.now
        } else if failures.count < asked {
            state.connection = .degraded(failures)
            state.lastRefresh = refresh.now
        } else {
            state.connection = .offline(failures.first ?? "no source answers")
        }
        clampSelections(&state)
    }

    /// Slows `source` after its API throttled `answer`, or keeps (or ends, after a quiet minute)
    /// its slowed pace after an answer that was not throttled.
    func pace<Value>(_ source: DataSource, after answer: Result<Value, ClientError>, at now: Date, in state: inout DashboardState) {
        var throttledBy: String?
        if case .failure(let error) = answer { throttledBy = error.throttledAPI }
        guard let backoff = PollBackoff.after(state.slowedPolls[source]?.backoff, throttledBy: throttledBy, at: now) else {
            state.slowedPolls[source] = nil
            return
        }
        let normal = environment.normalInterval(of: source)
        let nextAt = now.addingTimeInterval(backoff.delay(normal: normal, jitter: environment.jitter()))
        state.slowedPolls[source] = SlowedPoll(backoff: backoff, every: backoff.interval(normal: normal), nextAt: nextAt)
    }

    /// A change the control plane pushed: the rollout replaced, its timeline's new lines added
    /// to what the console holds (the change carries only those), a new rollout put first.
    func apply(_ update: ControlPlaneUpdate, to state: inout DashboardState) -> Effect<DashboardAction> {
        switch update {
        case .connected:
            state.eventStream = .live
            // What happened while the stream was closed arrives from the stream itself; a read
            // puts everything else (metrics, rollouts that did not change) right too.
            return refresh(&state)
        case .disconnected(let reason, _):
            state.eventStream = .reconnecting(Sanitizer.clean(reason))
            return .none
        case .rolloutChanged(var rollout, let newEvents, _):
            state.eventStream = .live
            let selectedID = state.currentRollout?.id
            if let index = state.rollouts.firstIndex(where: { $0.id == rollout.id }) {
                rollout.events = Array((state.rollouts[index].events + newEvents).suffix(Self.pushedTimelineLimit))
                state.rollouts[index] = rollout
            } else {
                rollout.events = newEvents
                state.rollouts.insert(rollout, at: 0)
            }
            if state.refreshInFlight { state.pushedDuringRefresh.insert(rollout.id) }
            if let selectedID, let index = state.visibleRollouts.firstIndex(where: { $0.id == selectedID }) {
                state.selectedRollout = index
            }
            clampSelections(&state)
            return .none
        }
    }

    /// Timeline lines kept per rollout from pushed changes until the next read replaces them.
    static let pushedTimelineLimit = 1_000

    /// Keeps every selection inside its list after the data or the screen changed.
    func clampSelections(_ state: inout DashboardState) {
        state.selectedRollout = clamp(state.selectedRollout, count: state.visibleRollouts.count)
        state.sloSelection = clamp(state.sloSelection, count: state.visibleSLOs.count)
        state.costSelection = clamp(state.costSelection, count: state.visibleCosts.count)
        state.traceSelection = clamp(state.traceSelection, count: state.visibleTraceIndices.count)
        if let open = state.openTrace, let trace = state.openedTrace {
            state.openTrace?.spanSelection = clamp(open.spanSelection, count: trace.spans.count)
        }
    }

    func clamp(_ value: Int, count: Int) -> Int {
        max(0, min(value, count - 1))
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
