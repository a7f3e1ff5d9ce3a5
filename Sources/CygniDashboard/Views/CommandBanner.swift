import CygniTerminal

/// The row across the top while an operator command is being carried out: what it is, how many
/// tries failed and why, when the next one starts, and the key that stops it. A rollback that
/// has not happened yet must never look like one that has, nor disappear with a flash message.
struct CommandBanner {
    let state: DashboardState

    static func isShown(_ state: DashboardState) -> Bool { !state.commandsInFlight.isEmpty }

    func render(into buffer: inout Buffer, area: Rect) {
        guard let pending = state.commandsInFlight.first, !area.isEmpty else { return }
        let theme = state.theme
        let command = pending.command
        var parts: [String] = []
        let style: Style
        if let attempt = pending.lastAttempt {
            if attempt.trafficSettled, let settled = command.kind.settledTraffic {
                parts.append("\(settled) · \(command.service): cleanup pending")
                style = theme[.statusWarn]
            } else {
                parts.append("\(command.kind.progressive.uppercased()) \(command.service): not done yet")
                style = theme[.statusError]
            }
            // The error goes last: it is the part that may be cut at the edge.
            let next = pending.secondsToNextTry(now: state.now) ?? 0
            parts.append("try \(attempt.number) failed")
            parts.append(next > 0 ? "next try in \(next)s" : "trying again…")
            parts.append(Sanitizer.clean(attempt.error))
        } else {
            parts.append("\(command.kind.progressive.uppercased()) \(command.service)…")
            style = theme[.statusWarn]
        }
        if state.commandsInFlight.count > 1 { parts.append("+\(state.commandsInFlight.count - 1) more") }
        // The key hint goes first when space is short: stopping must stay discoverable.
        let stop = state.keymap.hint(for: .stopCommand).map { " \($0) stops retrying " } ?? ""
        buffer.fill(area, style: style)
        let stopWidth = DisplayWidth.of(stop)
        let textWidth = max(0, area.width - stopWidth)
        buffer.write(truncating: " ⟳ " + parts.joined(separator: " · "), x: area.x, y: area.y, width: textWidth, style: style)
        if stopWidth > 0, stopWidth <= area.width {
            buffer.write(truncating: stop, x: area.x + area.width - stopWidth, y: area.y, width: stopWidth, style: theme[.statusKey])
        }
    }
}
