/// What the console reads, each on its own: a failing one marks only the panes it feeds.
public enum DataSource: String, CaseIterable, Sendable, Hashable {
    case rollouts, slos, traces, logs, cost
}

extension PaneID {
    /// The source whose reads fill this pane.
    var source: DataSource {
        switch self {
        case .timeline, .traffic: return .rollouts
        case .slo: return .slos
        case .cost: return .cost
        case .traces: return .traces
        case .logs: return .logs
        }
    }
}

/// The console's view of a control plane's event stream.
public enum EventStreamState: Equatable, Sendable {
    /// The source pushes nothing (the sandbox, AWS): every change shows on the next read.
    case notUsed
    case connecting
    case live
    /// Closed or refused; the client tries again by itself.
    case reconnecting(String)
}
