import CygniModel
import CygniTerminal

/// The analysis of one rollout over the panes, in a frame of its own: the lines `AnalysisLines`
/// builds, scrolled. The reducer asks the same sizes of it, so a scroll never passes the end.
struct AnalysisView {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let rollout = state.analysedRollout
        let title = "Analysis" + (rollout.map { " · \(Sanitizer.clean($0.service)) \(Sanitizer.clean($0.region)) · \(Sanitizer.clean($0.fromVersion)) → \(Sanitizer.clean($0.toVersion))" } ?? "")
        let lines = Self.lines(state, width: area.width - 2)
        let rows = max(0, area.height - 2)
        let scroll = min(state.analysisView?.scroll ?? 0, max(0, lines.count - rows))
        let more = lines.count > rows ? "\(scroll + 1)-\(min(lines.count, scroll + rows)) of \(lines.count) · " : ""
        let inner = Block(
            title: title, titleStyle: theme[.titleFocused], borderStyle: theme[.borderFocused],
            rightTitle: more + closeHint, rightTitleStyle: theme[.muted], borders: .rounded
        ).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        TextView(lines: lines, scrollOffset: scroll).render(into: &buffer, area: inner)
    }

    private var closeHint: String {
        "\(state.keymap.hint(for: .back) ?? "Esc") close"
    }

    /// The lines for `width` columns: of the rollout shown, or why there is nothing to show.
    static func lines(_ state: DashboardState, width: Int) -> [StyledLine] {
        guard let rollout = state.analysedRollout else {
            return [StyledLine("the rollout is no longer listed by the source", state.theme[.muted])]
        }
        return AnalysisLines(rollout: rollout, theme: state.theme, width: max(1, width)).all
    }

    /// The rows the view shows at the state's size (inside the frame, below a command banner).
    static func visibleRows(_ state: DashboardState) -> Int {
        max(1, DashboardView.bodyHeight(state) - 2)
    }

    /// The last first line worth scrolling to.
    static func maximumScroll(_ state: DashboardState) -> Int {
        max(0, lines(state, width: state.width - 2).count - visibleRows(state))
    }
}
