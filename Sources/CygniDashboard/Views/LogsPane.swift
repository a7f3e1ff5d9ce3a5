import CygniModel
import CygniTerminal
import Foundation

/// The live tail of every service, or the logs of one trace (or span) in time order, with level
/// colours, search highlight, follow and wrap. Only the rows on screen are built.
struct LogsPane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let view = state.logView
        let total = state.shownLogCount
        var subtitle = "tail"
        var status: String?
        if case .trace(let trace, let span, _, let load) = view.source {
            subtitle = "trace \(trace.xray)" + (span.map { " span \($0.hex)" } ?? "")
            switch load {
            case .loading: status = "loading…"
            case .failed(let message): status = message
            case .loaded: break
            }
        }
        var flags: [String] = []
        flags.append(view.follow ? "follow" : "held")
        if view.wrap { flags.append("wrap") }
        if !view.search.isEmpty { flags.append("/\(Sanitizer.clean(view.search))") }
        var count = "\(total) lines"
        if case .tail = view.source, state.logs.dropped > 0 { count += " · \(state.logs.dropped) dropped" }
        flags.append(count)
        var error: String?
        if case .failed(let message) = (view.source.loadStatus ?? .loaded) { error = message }
        var staleAge: TimeInterval?
        if case .tail = view.source {
            error = state.logsError
            staleAge = state.staleAge(of: .logs, failing: error != nil)
        }
        let inner = PaneFrame(pane: .logs, subtitle: subtitle, rightTitle: flags.joined(separator: " · "), error: error, staleAge: staleAge)
            .render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        if total == 0 {
            let text = status ?? (view.source == .tail ? (state.notRead[.logs] ?? (state.lastRefresh == nil ? "loading…" : "no logs yet")) : "no log events carry this trace")
            buffer.write(truncating: text, x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        // Without wrap one event is one row, so the visible slice is known exactly. With wrap, or
        // with the selected line's fields open, build a little more than a screen and let the
        // text view scroll inside it so that the selected line and its fields are on screen.
        let rows = inner.height
        var first: Int
        if view.follow {
            first = max(0, total - rows)
        } else {
            first = max(0, min(view.scroll, total - 1))
        }
        let selection = view.selection.flatMap { (0..<total).contains($0) ? $0 : nil }
        if let selection {
            first = min(max(first, selection - rows + 1), selection)
        }
        let showsGroup = view.source != .tail
        var lines: [StyledLine] = []
        var selectedLines: Range<Int>?
        for index in first..<min(total, first + rows) {
            let event = state.shownLog(at: index)
            let start = lines.count
            lines.append(line(for: event, showsGroup: showsGroup, isSelected: selection == index))
            if index == selection {
                if view.expanded { lines += LogFieldLines(event: event, theme: theme, showsGroup: showsGroup, zoomKey: state.keymap.hint(for: .zoom)).lines(limit: rows - 1) }
                selectedLines = start..<lines.count
            }
        }
        var scroll = 0
        if view.wrap && view.follow {
            let total = TextView.rowCount(of: lines, width: inner.width, wrap: true)
            scroll = max(0, total - rows)
        } else if let selectedLines {
            let above = TextView.rowCount(of: Array(lines[..<selectedLines.lowerBound]), width: inner.width, wrap: view.wrap)
            let block = TextView.rowCount(of: Array(lines[selectedLines]), width: inner.width, wrap: view.wrap)
            scroll = max(0, min(above, above + block - rows))
        }
        TextView(
            lines: lines,
            wrap: view.wrap,
            scrollOffset: scroll,
            highlight: view.search.isEmpty ? nil : view.search,
            highlightStyle: theme[.highlight]
        ).render(into: &buffer, area: inner)
    }

    private func line(for event: LogEvent, showsGroup: Bool, isSelected: Bool) -> StyledLine {
        let theme = state.theme
        let levelText = DisplayWidth.fit(event.level?.rawValue.uppercased() ?? "-", to: 5)
        var spans = [
            StyledSpan(Format.clockMillis(event.timestamp) + " ", isSelected ? theme[.selection] : theme[.muted]),
            StyledSpan(levelText + " ", LevelStyle.of(event.level, theme)),
            StyledSpan(DisplayWidth.fit(Sanitizer.clean(event.service), to: 9) + " ", theme[.accent]),
        ]
        if showsGroup {
            spans.append(StyledSpan(Sanitizer.clean(event.group) + " " + Sanitizer.clean(event.stream) + " ", theme[.muted]))
        }
        var message = Sanitizer.clean(event.message)
        // A structured line's fields are a key away: say so on the line, with their count.
        let fieldCount = event.fields.map { $0.items.count + $0.dropped } ?? 0
        if fieldCount > 0 { message += " " }
        spans.append(StyledSpan(message, LevelStyle.ofMessage(event.level, theme)))
        if fieldCount > 0 { spans.append(StyledSpan("{\(fieldCount) field\(fieldCount == 1 ? "" : "s")}", theme[.muted])) }
        return StyledLine(spans)
    }
}

enum LevelStyle {
    static func of(_ level: LogLevel?, _ theme: Theme) -> Style {
        switch level {
        case .none, .trace, .debug: return theme[.muted]
        case .info: return theme[.ok]
        case .warn: return theme[.warn]
        case .error, .fatal: return theme[.error]
        }
    }

    /// The level colours the whole message: errors stand out, warnings show, debug recedes.
    static func ofMessage(_ level: LogLevel?, _ theme: Theme) -> Style {
        switch level {
        case .trace, .debug: return theme[.muted]
        case .none, .info: return theme[.text]
        case .warn: return theme[.warn]
        case .error, .fatal: return theme[.error]
        }
    }
}

extension LogViewState.Source {
    var loadStatus: LoadStatus? {
        if case .trace(_, _, _, let status) = self { return status }
        return nil
    }
}
