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

        var telemetryErrors: [String] = []
        if case .success(let slos) = refresh.slos {
            state.slos = slos
        } else if case .failure(let error) = refresh.slos {
            telemetryErrors.append(Sanitizer.clean(error.message))
        }
        switch refresh.traces {
        case .success(let traces):
            let before = state.visibleTraceIndices.count
            state.traces.append(contentsOf: traces)
            // Keep the same trace under the cursor while new ones arrive above it.
            if state.traceSelection > 0 {
                state.traceSelection += max(0, state.visibleTraceIndices.count - before)
            }
        case .failure(let error):
            telemetryErrors.append(Sanitizer.clean(error.message))
        }
        switch refresh.logs {
        case .success(let logs):
            state.logs.append(contentsOf: logs)
        case .failure(let error):
            telemetryErrors.append(Sanitizer.clean(error.message))
        }
        state.telemetryError = telemetryErrors.first
        if let first = telemetryErrors.first { failures.append("telemetry: \(first)") }

        let sources = 4
        let failed = (refresh.rollouts.isFailure ? 1 : 0) + (refresh.slos.isFailure ? 1 : 0)
            + (refresh.traces.isFailure ? 1 : 0) + (refresh.logs.isFailure ? 1 : 0)
        if failed == 0 {
            state.connection = .live
            state.lastRefresh = refresh.now
        } else if failed < sources {
            state.connection = .degraded(failures.joined(separator: "; "))
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
