import CygniClients
import CygniModel
import CygniStore
import CygniTerminal

extension DashboardReducer {
    /// Keys go first to whatever is on top: a typed line, the confirmation, the help overlay;
    /// then to the keymap, with the Logs bindings winning while Logs has focus.
    func handle(_ key: Key, in state: inout DashboardState) -> Effect<DashboardAction> {
        if state.input != nil {
            return edit(key, in: &state)
        }
        if state.confirmation != nil {
            switch state.keymap.action(for: key, in: [.confirm]) {
            case .confirm: return confirm(in: &state)
            case .cancel:
                state.confirmation = nil
                return show("cancelled", .info, in: &state)
            default: return .none  // a stray key must not act behind an open dialog
            }
        }
        let contexts: [KeyContext] = state.focus == .logs ? [.logs, .global] : [.global]
        guard let action = state.keymap.action(for: key, in: contexts) else { return .none }
        if state.showsHelp {
            switch action {
            case .help, .back, .quit: state.showsHelp = false
            case .selectDown: state.helpScroll += 1
            case .selectUp: state.helpScroll = max(0, state.helpScroll - 1)
            case .pageDown: state.helpScroll += pageSize(state)
            case .pageUp: state.helpScroll = max(0, state.helpScroll - pageSize(state))
            default: break
            }
            return .none
        }
        if state.analysisView != nil {
            return inAnalysis(action, in: &state)
        }
        return perform(action, in: &state)
    }

    func perform(_ action: KeyAction, in state: inout DashboardState) -> Effect<DashboardAction> {
        switch action {
        case .quit:
            state.quitRequested = true
        case .help:
            state.showsHelp = true
            state.helpScroll = 0
        case .command:
            state.input = InputLine(purpose: .command)
        case .filter:
            if state.focus == .logs {
                state.input = InputLine(purpose: .search, text: state.logView.search)
            } else {
                let pane = state.focus.filterTarget
                state.input = InputLine(purpose: .filter(pane), text: pane == .traces ? state.traceQuery : state.listFilters[pane] ?? "")
            }
        case .focusNext: state.focus = state.focus.next
        case .focusPrevious: state.focus = state.focus.previous
        case .focusTimeline: state.focus = .timeline
        case .focusTraffic: state.focus = .traffic
        case .focusSLO: state.focus = .slo
        case .focusCost: state.focus = .cost
        case .focusTraces: state.focus = .traces
        case .focusLogs: state.focus = .logs
        case .zoom: state.zoomed.toggle()
        case .selectUp: move(by: -1, in: &state)
        case .selectDown: move(by: 1, in: &state)
        case .pageUp: move(by: -pageSize(state), in: &state)
        case .pageDown: move(by: pageSize(state), in: &state)
        case .top: move(by: -1_000_000_000, in: &state)
        case .bottom:
            if state.focus == .logs {
                followNewest(in: &state)
            } else {
                move(by: 1_000_000_000, in: &state)
            }
        case .open: return open(in: &state)
        case .back: back(in: &state)
        case .rollback: return requestCommand(.rollback, in: &state)
        case .promote: return requestCommand(.promote, in: &state)
        case .pause: return requestCommand(.pause, in: &state)
        case .resume: return requestCommand(.resume, in: &state)
        case .abort: return requestCommand(.abort, in: &state)
        case .stopCommand: return stopRetrying(in: &state)
        case .confirm, .cancel: break  // only meaningful with a dialog open
        case .logsFollow:
            if state.logView.follow {
                state.logView.follow = false
                state.logView.scroll = max(0, state.shownLogCount - pageSize(state))
            } else {
                followNewest(in: &state)
            }
            return show(state.logView.follow ? "following the newest logs" : "holding the log view", .info, in: &state)
        case .logsFields:
            return toggleFields(in: &state)
        case .logsWrap:
            state.logView.wrap.toggle()
        case .refresh:
            return refresh(&state, everything: true)
        case .logsOpen:
            return openLogs(in: &state)
        case .tracesErrors:
            state.traceFilter = state.traceFilter == .errors ? .all : .errors
            state.traceSelection = 0
        case .tracesSlow:
            state.traceFilter = state.traceFilter == .slow ? .all : .slow
            state.traceSelection = 0
        case .searchNext: findMatch(forward: true, in: &state)
        case .searchPrevious: findMatch(forward: false, in: &state)
        case .analysis: return openAnalysis(in: &state)
        }
        return .none
    }

    /// Typing into the `:` line, the `/` filter or the log search.
    private func edit(_ key: Key, in state: inout DashboardState) -> Effect<DashboardAction> {
        guard var line = state.input else { return .none }
        switch key {
        case .escape, .control("g"), .control("c"):
            state.input = nil
            if case .filter(let pane) = line.purpose { applyFilter("", to: pane, in: &state) }
            return .none
        case .enter:
            state.input = nil
            switch line.purpose {
            case .command:
                return runCommandLine(line.text, in: &state)
            case .filter:
                return .none
            case .search:
                state.logView.search = line.text
                state.logView.selection = nil
                findMatch(forward: false, in: &state)
                return .none
            }
        case .backspace, .control("h"):
            if line.text.isEmpty {
                state.input = nil
                return .none
            }
            line.text.removeLast()
        case .control("u"):
            line.text = ""
        case .tab where line.purpose == .command:
            line.text = CommandCompletion.complete(line.text, services: state.rollouts.map(\.service))
        case .character(let character):
            guard !Sanitizer.isUnsafe(character), line.text.count < 256 else { return .none }
            line.text.append(character)
        default:
            return .none
        }
        state.input = line
        // Lists narrow as you type.
        if case .filter(let pane) = line.purpose { applyFilter(line.text, to: pane, in: &state) }
        return .none
    }

    private func applyFilter(_ text: String, to pane: PaneID, in state: inout DashboardState) {
        switch pane {
        case .traces:
            state.traceQuery = text
            state.traceSelection = 0
        case .timeline, .slo, .cost:
            state.listFilters[pane] = text.isEmpty ? nil : text
            if pane == .timeline { state.selectedRollout = 0 }
            if pane == .slo { state.sloSelection = 0 }
            if pane == .cost { state.costSelection = 0 }
        case .traffic, .logs:
            break
        }
    }

    /// Moves the selection (or scroll) of the focused pane.
    private func move(by delta: Int, in state: inout DashboardState) {
        switch state.focus {
        case .timeline, .traffic:
            if state.focus == .timeline && state.zoomed {
                state.timelineScroll = max(0, state.timelineScroll + delta)
            } else {
                state.selectedRollout = clamp(state.selectedRollout + delta, count: state.visibleRollouts.count)
                state.timelineScroll = 0
            }
        case .slo:
            state.sloSelection = clamp(state.sloSelection + delta, count: state.visibleSLOs.count)
        case .cost:
            state.costSelection = clamp(state.costSelection + delta, count: state.visibleCosts.count)
        case .traces:
            if let open = state.openTrace, let trace = state.openedTrace {
                state.openTrace?.spanSelection = clamp(open.spanSelection + delta, count: trace.spans.count)
            } else {
                state.traceSelection = clamp(state.traceSelection + delta, count: state.visibleTraceIndices.count)
            }
        case .logs:
            moveLogSelection(by: delta, in: &state)
        }
    }

    /// Moves the selected log line. Following, the selection starts just past the newest line
    /// (Up selects the newest); held without one, just above the first line shown. Moving up
    /// holds the view; moving past the newest line follows again.
    private func moveLogSelection(by delta: Int, in state: inout DashboardState) {
        let total = state.shownLogCount
        guard total > 0 else { return }
        var view = state.logView
        let page = pageSize(state)
        if view.follow { view.scroll = max(0, total - page) }
        let base = view.selection ?? (view.follow ? total : (delta > 0 ? view.scroll - 1 : view.scroll))
        let target = base + delta
        if target >= total {
            followNewest(in: &state)
            return
        }
        let selected = max(0, target)
        view.follow = false
        view.selection = selected
        if selected < view.scroll { view.scroll = selected }
        if selected >= view.scroll + page { view.scroll = selected - page + 1 }
        state.logView = view
    }

    /// Back to following the newest lines, nothing selected.
    private func followNewest(in state: inout DashboardState) {
        state.logView.follow = true
        state.logView.selection = nil
        state.logView.expanded = false
    }

    /// Shows or hides the selected line's fields; with nothing selected, selects the newest line
    /// when following (and holds the view, so the line stays put while others arrive), else the
    /// first line shown.
    private func toggleFields(in state: inout DashboardState) -> Effect<DashboardAction> {
        let total = state.shownLogCount
        guard total > 0 else { return show("no log line to show", .info, in: &state) }
        if state.logView.selection == nil {
            if state.logView.follow {
                moveLogSelection(by: -1, in: &state)
            } else {
                state.logView.selection = max(0, min(state.logView.scroll, total - 1))
            }
            state.logView.expanded = true
        } else {
            state.logView.expanded.toggle()
        }
        return .none
    }

    private func open(in state: inout DashboardState) -> Effect<DashboardAction> {
        switch state.focus {
        case .timeline, .traffic:
            return openAnalysis(in: &state)
        case .traces:
            if state.openTrace != nil { return openLogs(in: &state) }
            if let trace = state.selectedTrace { state.openTrace = OpenTrace(trace: trace) }
        case .slo, .cost, .logs:
            state.zoomed = true
        }
        return .none
    }

    private func back(in state: inout DashboardState) {
        if state.focus == .logs, state.logView.expanded {
            state.logView.expanded = false
        } else if state.zoomed {
            state.zoomed = false
            state.timelineScroll = 0
        } else if state.focus == .logs, case .trace = state.logView.source {
            state.logView = LogViewState()
        } else if state.openTrace != nil {
            state.openTrace = nil
        } else if state.focus == .traces, state.traceFilter != .all || !state.traceQuery.isEmpty {
            state.traceFilter = .all
            state.traceQuery = ""
        } else if state.listFilters[state.focus.filterTarget] != nil {
            applyFilter("", to: state.focus.filterTarget, in: &state)
        } else if state.focus == .logs, !state.logView.search.isEmpty {
            state.logView.search = ""
        }
    }

    /// The logs of the selected trace, or of the selected span when the waterfall is open.
    private func openLogs(in state: inout DashboardState) -> Effect<DashboardAction> {
        let trace: Trace
        var span: SpanID?
        if let opened = state.openedTrace, let open = state.openTrace {
            trace = opened
            if opened.spans.indices.contains(open.spanSelection), open.spanSelection > 0 {
                span = opened.spans[open.spanSelection].id
            }
        } else if let selected = state.selectedTrace {
            trace = selected
        } else {
            return show("no trace selected", .warning, in: &state)
        }
        state.logView = LogViewState()
        state.logView.source = .trace(trace.id, span: span, events: [], status: .loading)
        state.logView.follow = false
        state.focus = .logs
        return loadTraceLogs(trace.id, span: span)
    }

    /// Moves to the next (or previous) log event containing the search text and scrolls to it.
    private func findMatch(forward: Bool, in state: inout DashboardState) {
        let needle = state.logView.search.lowercased()
        guard !needle.isEmpty else { return }
        let count = state.shownLogCount
        guard count > 0 else { return }
        let start = state.logView.selection.map { min($0, count) } ?? (forward ? -1 : count)
        var index = start
        for _ in 0..<count {
            index = forward ? index + 1 : index - 1
            if index >= count { index = 0 }
            if index < 0 { index = count - 1 }
            if state.shownLog(at: index).message.lowercased().contains(needle) {
                state.logView.selection = index
                state.logView.follow = false
                state.logView.scroll = max(0, index - pageSize(state) / 2)
                return
            }
        }
    }

    /// Rows a page moves: most of a pane's height.
    func pageSize(_ state: DashboardState) -> Int {
        max(1, (state.zoomed ? state.height : state.height / 3) - 4)
    }
}
