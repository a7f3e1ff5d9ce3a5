import CygniClients
import CygniModel
import CygniTerminal

extension DashboardReducer {
    /// Folds one round of fetched data into the state, source by source.
    func apply(_ refresh: Refresh, to state: inout DashboardState) {
        state.refreshInFlight = false
        state.now = refresh.now
        var failures: [String] = []

        switch refresh.rollouts {
        case .success(let rollouts):
            let selectedID = state.currentRollout?.id
            state.rollouts = rollouts
            if let selectedID, let index = state.visibleRollouts.firstIndex(where: { $0.id == selectedID }) {
                state.selectedRollout = index
            } else if selectedID == nil, let active = state.visibleRollouts.firstIndex(where: \.isActive) {
                state.selectedRollout = active  // first look: the rollout that is moving
            }
            state.rolloutsError = nil
        case .failure(let error):
            state.rolloutsError = Sanitizer.clean(error.message)
            failures.append("rollouts: \(state.rolloutsError!)")
        }

        switch refresh.slos {
        case nil:
            break
        case .success(let slos):
            state.slos = slos
            state.sloError = nil
        case .failure(let error):
            state.sloError = Sanitizer.clean(error.message)
            failures.append("SLOs: \(state.sloError!)")
        }
        switch refresh.traces {
        case nil:
            break
        case .success(let traces):
            let before = state.visibleTraceIndices.count
            state.traces.append(contentsOf: traces)
            // Keep the same trace under the cursor while new ones arrive above it.
            if state.traceSelection > 0 {
                state.traceSelection += max(0, state.visibleTraceIndices.count - before)
            }
            state.tracesError = nil
        case .failure(let error):
            state.tracesError = Sanitizer.clean(error.message)
            failures.append("traces: \(state.tracesError!)")
        }
        switch refresh.logs {
        case nil:
            break
        case .success(let logs):
            state.logs.append(contentsOf: logs)
            state.logsError = nil
        case .failure(let error):
            state.logsError = Sanitizer.clean(error.message)
            failures.append("logs: \(state.logsError!)")
        }

        let sources = 1 + [refresh.slos != nil, refresh.traces != nil, refresh.logs != nil].filter { $0 }.count
        if failures.isEmpty {
            state.connection = .live
            state.lastRefresh = refresh.now
        } else if failures.count < sources {
            state.connection = .degraded(failures)
            state.lastRefresh = refresh.now
        } else {
            state.connection = .offline(failures.first ?? "no source answers")
        }
        clampSelections(&state)
    }

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
