/// The panes of the console, in focus order. Titles are part of the product's contract.
public enum PaneID: String, CaseIterable, Sendable, Hashable {
    case timeline, traffic, slo, cost, traces, logs

    public var title: String {
        switch self {
        case .timeline: return "Timeline"
        case .traffic: return "Traffic"
        case .slo: return "SLO"
        case .cost: return "Cost"
        case .traces: return "Traces"
        case .logs: return "Logs"
        }
    }

    /// The list a `/` filter in this pane narrows: Traffic shows the Timeline's selection.
    var filterTarget: PaneID {
        self == .traffic ? .timeline : self
    }

    var next: PaneID {
        let all = PaneID.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    var previous: PaneID {
        let all = PaneID.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}
