import CygniTerminal

/// The whole frame, drawn from the state: the pending-command banner while a command is under
/// way, five panes (Traffic beside Timeline, Cost beside SLO, Logs beside Traces), the status
/// bar, and whatever overlay is open.
public enum DashboardView {
    /// Smaller than this, the panes would be unreadable: say so instead.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public static func render(_ state: DashboardState, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: DashboardState, into buffer: inout Buffer) {
        let area = buffer.area
        guard area.width >= minimumWidth, area.height >= minimumHeight else {
            renderTooSmall(state, into: &buffer)
            return
        }
        let parts = Layout.split(area, .vertical, [.length(bannerHeight(state)), .fill(1), .length(statusHeight)])
        CommandBanner(state: state).render(into: &buffer, area: parts[0])
        let body = parts[1]
        if state.analysisView != nil {
            AnalysisView(state: state).render(into: &buffer, area: body)
        } else if state.zoomed {
            renderPane(state.focus, state, into: &buffer, area: body)
        } else {
            let rows = Layout.split(body, .vertical, [.percentage(38), .percentage(24), .fill(1)])
            let top = Layout.split(rows[0], .horizontal, [.percentage(58), .fill(1)])
            let middle = Layout.split(rows[1], .horizontal, [.percentage(58), .fill(1)])
            let bottom = Layout.split(rows[2], .horizontal, [.percentage(52), .fill(1)])
            renderPane(.timeline, state, into: &buffer, area: top[0])
            renderPane(.traffic, state, into: &buffer, area: top[1])
            renderPane(.slo, state, into: &buffer, area: middle[0])
            renderPane(.cost, state, into: &buffer, area: middle[1])
            renderPane(.traces, state, into: &buffer, area: bottom[0])
            renderPane(.logs, state, into: &buffer, area: bottom[1])
        }
        StatusBar(state: state).render(into: &buffer, area: parts[2])
        if state.showsHelp {
            HelpOverlay(state: state).render(into: &buffer, area: body)
        }
        if let pending = state.confirmation {
            ConfirmDialog(state: state, pending: pending).render(into: &buffer, area: body)
        }
    }

    static let statusHeight = 2

    static func bannerHeight(_ state: DashboardState) -> Int {
        CommandBanner.isShown(state) ? 1 : 0
    }

    /// Rows between the banner and the status bar, at the state's size.
    static func bodyHeight(_ state: DashboardState) -> Int {
        max(0, state.height - statusHeight - bannerHeight(state))
    }

    static func renderPane(_ pane: PaneID, _ state: DashboardState, into buffer: inout Buffer, area: Rect) {
        switch pane {
        case .timeline: TimelinePane(state: state).render(into: &buffer, area: area)
        case .traffic: TrafficPane(state: state).render(into: &buffer, area: area)
        case .slo: SLOPane(state: state).render(into: &buffer, area: area)
        case .cost: CostPane(state: state).render(into: &buffer, area: area)
        case .traces: TracesPane(state: state).render(into: &buffer, area: area)
        case .logs: LogsPane(state: state).render(into: &buffer, area: area)
        }
    }

    private static func renderTooSmall(_ state: DashboardState, into buffer: inout Buffer) {
        let area = buffer.area
        guard !area.isEmpty else { return }
        let message = "terminal too small: \(area.width)x\(area.height), cx needs \(minimumWidth)x\(minimumHeight)"
        let lines = DisplayWidth.wrap(message, width: area.width)
        let top = max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < area.height {
            let x = max(0, (area.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + index, maxWidth: area.width - x, style: state.theme[.warn])
        }
        // Quitting must still be discoverable at any size.
        if area.height >= 2, let quit = state.keymap.hint(for: .quit) {
            buffer.write(truncating: "\(quit) quits", x: 0, y: area.height - 1, width: area.width, style: state.theme[.muted])
        }
    }
}
