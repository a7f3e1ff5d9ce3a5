import CygniTerminal

/// The bottom rows: the source, connection state, data age and messages; below it, key hints.
/// While a line is being typed it takes the status row.
struct StatusBar {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let rows = Layout.split(area, .vertical, [.length(1), .length(area.height > 1 ? 1 : 0)])
        if let input = state.input {
            let line = StyledLine([
                StyledSpan(input.prompt, theme[.statusKey]),
                StyledSpan(input.text, theme[.status]),
                StyledSpan("▏", theme[.statusKey]),
            ])
            buffer.fill(rows[0], style: theme[.status])
            buffer.write(line, x: rows[0].x, y: rows[0].y, width: rows[0].width)
        } else {
            StatusLine(left: leftSegments(), right: rightSegments(), style: theme[.status]).render(into: &buffer, area: rows[0])
        }
        if rows[1].height > 0 {
            KeyHints(hints(), keyStyle: theme[.statusKey], labelStyle: theme[.muted]).render(into: &buffer, area: rows[1])
        }
    }

    private func leftSegments() -> [StyledSpan] {
        let theme = state.theme
        var segments = [StyledSpan(" \(Sanitizer.clean(state.source.label)) ", theme[.statusKey])]
        let connectionStyle: Style
        switch state.connection {
        case .live: connectionStyle = theme[.status]
        case .connecting: connectionStyle = theme[.status]
        case .degraded: connectionStyle = theme[.statusWarn]
        case .offline: connectionStyle = theme[.statusError]
        }
        // A cost failure is not part of the refresh, but it is a source failing all the same.
        let failing = state.connection.isOffline ? 0 : state.failingSources.count
        let label = failing == 0 ? state.connection.label : failing == 1 ? "1 source failing" : "\(failing) sources failing"
        segments.append(StyledSpan(" \(label) ", failing > 0 ? theme[.statusWarn] : connectionStyle))
        // Reads may still answer while the push of changes is down: then changes show a refresh late.
        if case .reconnecting = state.eventStream, !state.connection.isOffline {
            segments.append(StyledSpan(" events reconnecting ", theme[.statusWarn]))
        }
        if let age = state.dataAge {
            // A few missed refreshes: say the data is getting old before it is misleading.
            let stale = age > 5
            segments.append(StyledSpan(" data \(Format.duration(age)) old ", stale ? theme[.statusWarn] : theme[.status]))
        }
        // An API throttling the reads: its panes update less often until it is quiet a minute.
        for summary in state.throttleSummaries {
            segments.append(StyledSpan(" \(Sanitizer.clean(summary)) ", theme[.statusWarn]))
        }
        if state.readOnly {
            segments.append(StyledSpan(" READ-ONLY ", theme[.statusWarn]))
        }
        if let flash = state.flash {
            let style: Style
            switch flash.severity {
            case .info: style = theme[.status]
            case .warning: style = theme[.statusWarn]
            case .error: style = theme[.statusError]
            }
            segments.append(StyledSpan(" \(Sanitizer.clean(flash.text)) ", style))
        }
        return segments
    }

    private func rightSegments() -> [StyledSpan] {
        guard let now = state.now else { return [] }
        return [StyledSpan(" \(Format.clock(now)) UTC ", state.theme[.status])]
    }

    private func hints() -> [KeyHint] {
        let keymap = state.keymap
        var actions: [(KeyAction, String)] = [(.quit, "quit"), (.help, "help"), (.focusNext, "focus"), (.open, "open"), (.back, "back")]
        if state.focus == .traces { actions += [(.logsOpen, "logs"), (.tracesErrors, "errors"), (.tracesSlow, "slow")] }
        if state.focus == .logs { actions += [(.logsFields, "fields"), (.logsFollow, "follow"), (.logsWrap, "wrap"), (.filter, "search")] }
        if !state.readOnly { actions += [(.rollback, "rollback"), (.promote, "promote"), (.pause, "pause"), (.resume, "resume")] }
        actions += [(.zoom, "zoom"), (.filter, "filter"), (.command, "cmd")]
        var seen = Set<KeyAction>()
        return actions.compactMap { action, label in
            guard seen.insert(action).inserted else { return nil }
            let context: KeyContext = state.focus == .logs && [.logsFollow, .logsWrap, .logsFields].contains(action) ? .logs : .global
            // Only keys that do the action here: in Logs, Enter shows the fields, it does not open.
            let contexts: [KeyContext] = state.focus == .logs ? [.logs, .global] : [.global]
            let key = keymap.keys(for: action, in: context).first { keymap.action(for: $0, in: contexts) == action }
            return key.map { KeyHint(key: $0.notation, label: label) }
        }
    }
}
