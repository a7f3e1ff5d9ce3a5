import CygniStore

/// The analysis view: opened on the selected rollout, scrolled by the moving keys, closed by
/// Esc or q. The data is the rollout's own, refreshed with the rollouts, so nothing is fetched.
extension DashboardReducer {
    func openAnalysis(in state: inout DashboardState) -> Effect<DashboardAction> {
        guard let rollout = state.currentRollout else { return show("no rollout selected", .info, in: &state) }
        state.analysisView = AnalysisViewState(rolloutID: rollout.id)
        return .none
    }

    /// Keys while the analysis is open. Commands still act, on the rollout shown: the evidence
    /// is what an operator reads before rolling back.
    func inAnalysis(_ action: KeyAction, in state: inout DashboardState) -> Effect<DashboardAction> {
        guard var view = state.analysisView else { return .none }
        let page = max(1, AnalysisView.visibleRows(state) - 1)
        switch action {
        case .back, .quit, .analysis:
            state.analysisView = nil
            return .none
        case .selectDown: view.scroll += 1
        case .selectUp: view.scroll -= 1
        case .pageDown: view.scroll += page
        case .pageUp: view.scroll -= page
        case .top: view.scroll = 0
        case .bottom: view.scroll = .max
        case .rollback, .promote, .pause, .resume, .abort:
            guard state.currentRollout?.id == view.rolloutID else {
                return show("the rollout shown is no longer selected: close the analysis and select it", .warning, in: &state)
            }
            return perform(action, in: &state)
        case .help, .command, .refresh:
            return perform(action, in: &state)
        default:
            return .none
        }
        view.scroll = min(max(0, view.scroll), AnalysisView.maximumScroll(state))
        state.analysisView = view
        return .none
    }
}
