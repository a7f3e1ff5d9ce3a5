/// What a key can do: the action names keymap files bind (DESIGN.md lists the contract; the
/// ones after `refresh` extend it).
public enum KeyAction: String, CaseIterable, Sendable, Hashable {
    case quit, help, command, filter
    case focusNext = "focus.next", focusPrevious = "focus.prev"
    case focusTimeline = "focus.timeline", focusTraffic = "focus.traffic", focusSLO = "focus.slo"
    case focusCost = "focus.cost", focusTraces = "focus.traces", focusLogs = "focus.logs"
    case zoom
    case selectUp = "select.up", selectDown = "select.down", pageUp = "page.up", pageDown = "page.down"
    case open, back
    case rollback, promote, pause, resume, abort
    case confirm, cancel
    case logsFollow = "logs.follow", logsWrap = "logs.wrap"
    case refresh
    case logsOpen = "logs.open", tracesErrors = "traces.errors", tracesSlow = "traces.slow"
    case searchNext = "search.next", searchPrevious = "search.prev"
    case top, bottom
    case stopCommand = "command.stop"
    case logsFields = "logs.fields"
    case analysis

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .quit: return "quit cx"
        case .help: return "show or hide this help"
        case .command: return "command line (:rollback, :theme NAME, :keymap NAME, :quit)"
        case .filter: return "filter the list, or search the logs"
        case .focusNext: return "focus the next pane"
        case .focusPrevious: return "focus the previous pane"
        case .focusTimeline: return "focus Timeline"
        case .focusTraffic: return "focus Traffic"
        case .focusSLO: return "focus SLO"
        case .focusCost: return "focus Cost"
        case .focusTraces: return "focus Traces"
        case .focusLogs: return "focus Logs"
        case .zoom: return "zoom the focused pane to full screen"
        case .selectUp: return "select the previous row"
        case .selectDown: return "select the next row"
        case .pageUp: return "scroll a page up"
        case .pageDown: return "scroll a page down"
        case .open: return "open: a rollout's analysis, a trace's waterfall, a span's logs"
        case .back: return "go back, close the overlay"
        case .rollback: return "roll back the selected rollout (asks first)"
        case .promote: return "promote the selected rollout (asks first)"
        case .pause: return "pause the selected rollout (asks first)"
        case .resume: return "resume the selected rollout (asks first)"
        case .abort: return "abort the selected rollout (asks first)"
        case .confirm: return "confirm the dialog"
        case .cancel: return "cancel the dialog"
        case .logsFollow: return "follow the newest logs, or hold the view"
        case .logsWrap: return "wrap long log lines"
        case .refresh: return "refresh now"
        case .logsOpen: return "logs of the selected trace or span"
        case .tracesErrors: return "show only traces with errors (again: all)"
        case .tracesSlow: return "show only slow traces (again: all)"
        case .searchNext: return "next search match"
        case .searchPrevious: return "previous search match"
        case .top: return "jump to the first row"
        case .bottom: return "jump to the last row"
        case .stopCommand: return "stop retrying the pending command (a try under way finishes)"
        case .logsFields: return "show the selected log line's fields (again: hide)"
        case .analysis: return "the selected rollout's analysis, the evidence of its verdicts (again: close)"
        }
    }
}

/// Where a binding applies. `logs` bindings apply while the Logs pane has focus and win over
/// `global` ones; `confirm` applies while a confirmation is open.
public enum KeyContext: String, CaseIterable, Sendable, Hashable {
    case global, logs, confirm
}
