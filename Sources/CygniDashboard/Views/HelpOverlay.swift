import CygniTerminal

/// `?`: every binding of the active keymap, generated from it, so it can never disagree
/// with what the keys do.
struct HelpOverlay {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        var lines: [StyledLine] = []
        for context in KeyContext.allCases {
            let bound = KeyAction.allCases.filter { !state.keymap.keys(for: $0, in: context).isEmpty }
            guard !bound.isEmpty else { continue }
            lines.append(StyledLine(heading(context), theme[.dialogTitle]))
            for action in bound {
                let keys = state.keymap.keys(for: action, in: context).map(\.notation).joined(separator: " ")
                lines.append(StyledLine([
                    StyledSpan("  " + DisplayWidth.fit(keys, to: 16) + " ", theme[.statusKey]),
                    StyledSpan(DisplayWidth.fit(action.rawValue, to: 15) + " ", theme[.dialog]),
                    StyledSpan(action.summary, theme[.dialog]),
                ]))
            }
        }
        lines.append(StyledLine(""))
        lines.append(StyledLine("Typed commands: :rollback [SERVICE] [REASON], :promote, :pause, :resume, :abort, :theme NAME, :keymap NAME, :filter errors|slow|all, :refresh, :quit", theme[.dialog]))
        let height = max(3, area.height - 2)
        let maxScroll = max(0, lines.count - (height - 2))
        let shown = Array(lines.dropFirst(min(state.helpScroll, maxScroll)))
        let frame = area.centered(width: min(area.width - 2, 100), height: height)
        let inner = Block(
            title: " Help · keymap \(state.keymap.name) ",
            titleStyle: theme[.dialogTitle],
            borderStyle: theme[.dialogBorder],
            rightTitle: " Esc close ",
            rightTitleStyle: theme[.dialog],
            borders: .rounded,
            fill: theme[.dialog]
        ).render(into: &buffer, area: frame)
        TextView(lines: shown).render(into: &buffer, area: inner)
    }

    private func heading(_ context: KeyContext) -> String {
        switch context {
        case .global: return "Everywhere"
        case .logs: return "In Logs"
        case .confirm: return "In a confirmation"
        }
    }
}
