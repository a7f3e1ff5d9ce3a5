import CygniClients
import CygniModel
import Foundation

/// Everything the console shows and remembers. Views are a pure function of this value.
public struct DashboardState: Equatable, Sendable {
    // Where the data comes from and how the console looks and listens.
    public var source: SourceDescription
    public var readOnly: Bool
    public var theme: Theme
    public var keymap: Keymap
    public var width = 120
    public var height = 40

    // Navigation.
    public var focus: PaneID = .timeline
    public var zoomed = false
    public var showsHelp = false
    public var helpScroll = 0
    public var confirmation: PendingCommand?
    /// The analysis view, over the panes while open.
    public var analysisView: AnalysisViewState?
    public var input: InputLine?

    // Data, and how fresh it is. Times are the watched world's time (virtual in the sandbox).
    public var now: Date?
    public var lastRefresh: Date?
    public var refreshInFlight = false
    public var connection: ConnectionState = .connecting
    public var rollouts: [Rollout] = []
    public var rolloutsError: String?
    public var selectedRollout = 0
    public var timelineScroll = 0
    public var slos: [SLOStatus] = []
    /// Each pane's own source failure: a failing API marks only the panes fed by it.
    public var sloError: String?
    public var tracesError: String?
    public var logsError: String?
    public var sloSelection = 0
    public var cost: CostReport?
    public var costError: String?
    /// What this console (or the cygnid it watches through) has asked AWS for, shown in the
    /// Cost pane; its own error, since usage is counted in memory and fails apart from spend.
    public var awsUsage: AWSUsageReport?
    public var awsUsageError: String?
    /// Why a source is not shown when nothing failed: this command does not read cost, or the
    /// source does not serve it.
    public var notRead: [DataSource: String] = [:]
    /// When each source last answered, in the watched world's time: a pane whose source fails
    /// says how old what it still shows is.
    public var readAt: [DataSource: Date] = [:]
    /// The sources polled more slowly because their API throttled, until a quiet minute.
    public var slowedPolls: [DataSource: SlowedPoll] = [:]
    /// A control plane's push of changes, and the rollouts it changed while a read was under
    /// way (that read's older answer must not undo them).
    public var eventStream: EventStreamState = .notUsed
    public var pushedDuringRefresh: Set<String> = []
    public var costSelection = 0
    public var ticksSinceCost = 0
    /// Refreshes started, for the sources asked only every few of them.
    public var refreshesStarted = 0
    public var traces: BoundedBuffer<Trace>
    public var traceSelection = 0
    public var traceFilter: TraceFilter = .all
    public var traceQuery = ""
    /// The `/` filter text of the Timeline (and Traffic), SLO and Cost lists.
    public var listFilters: [PaneID: String] = [:]
    public var openTrace: OpenTrace?
    public var logs: BoundedBuffer<LogEvent>
    public var logView = LogViewState()

    // Operator commands.
    public var sessionID: String
    public var commandsIssued = 0
    public var commandsInFlight: [CommandInFlight] = []
    public var flash: Flash?
    public var nextFlashID = 1
    public var quitRequested = false

    public init(
        source: SourceDescription, readOnly: Bool, theme: Theme, keymap: Keymap, sessionID: String,
        logCapacity: Int = 100_000, traceCapacity: Int = 5_000
    ) {
        self.source = source
        self.readOnly = readOnly
        self.theme = theme
        self.keymap = keymap
        self.sessionID = sessionID
        traces = BoundedBuffer(capacity: traceCapacity)
        logs = BoundedBuffer(capacity: logCapacity)
    }

    /// The rollout the operator is looking at (and would act on).
    public var currentRollout: Rollout? {
        let visible = visibleRollouts
        return visible.indices.contains(selectedRollout) ? visible[selectedRollout] : nil
    }

    /// The rollout the analysis view shows, as the latest read has it.
    public var analysedRollout: Rollout? {
        guard let id = analysisView?.rolloutID else { return nil }
        return rollouts.first { $0.id == id }
    }

    /// Rollouts the Timeline lists after its `/` filter (service, region, version or phase).
    public var visibleRollouts: [Rollout] {
        guard let query = listFilters[.timeline]?.lowercased(), !query.isEmpty else { return rollouts }
        return rollouts.filter {
            "\($0.service) \($0.region) \($0.environment) \($0.toVersion) \($0.fromVersion) \($0.phase.rawValue)".lowercased().contains(query)
        }
    }

    /// SLOs the SLO pane lists after its `/` filter (service or name).
    public var visibleSLOs: [SLOStatus] {
        guard let query = listFilters[.slo]?.lowercased(), !query.isEmpty else { return slos }
        return slos.filter { "\($0.service) \($0.name)".lowercased().contains(query) }
    }

    /// Services the Cost pane lists after its `/` filter.
    public var visibleCosts: [ServiceCost] {
        let services = cost?.services ?? []
        guard let query = listFilters[.cost]?.lowercased(), !query.isEmpty else { return services }
        return services.filter { $0.service.lowercased().contains(query) }
    }

    /// Positions in `traces` of the traces the Traces pane lists, newest first, after the filter
    /// and the `/` query. Positions rather than copies: the buffer may hold thousands.
    public var visibleTraceIndices: [Int] {
        var result: [Int] = []
        result.reserveCapacity(traces.count)
        let query = traceQuery.lowercased()
        for index in stride(from: traces.count - 1, through: 0, by: -1) {
            let trace = traces[index]
            guard traceFilter.admits(trace) else { continue }
            if !query.isEmpty {
                let haystack = "\(trace.rootName) \(trace.service) \(trace.id.xray) \(trace.version)".lowercased()
                guard haystack.contains(query) else { continue }
            }
            result.append(index)
        }
        return result
    }

    /// The listed traces themselves (tests and small lists; views index instead).
    public var visibleTraces: [Trace] {
        visibleTraceIndices.map { traces[$0] }
    }

    public var selectedTrace: Trace? {
        let visible = visibleTraceIndices
        return visible.indices.contains(traceSelection) ? traces[visible[traceSelection]] : nil
    }

    /// The trace whose waterfall is open, looked up fresh so it survives buffer rotation.
    public var openedTrace: Trace? {
        guard let openTrace else { return nil }
        for index in stride(from: traces.count - 1, through: 0, by: -1) where traces[index].id == openTrace.id {
            return traces[index]
        }
        return openTrace.snapshot
    }

    /// How many log events the Logs pane has to show.
    public var shownLogCount: Int {
        switch logView.source {
        case .tail: return logs.count
        case .trace(_, _, let events, _): return events.count
        }
    }

    /// The log event at a position of the Logs pane, in time order. Indexing instead of copying
    /// keeps a 100k-line buffer cheap to draw.
    public func shownLog(at index: Int) -> LogEvent {
        switch logView.source {
        case .tail: return logs[index]
        case .trace(_, _, let events, _): return events[index]
        }
    }

    /// The sources whose last read failed, by name, for the status line's summary.
    public var failingSources: [String] {
        [("rollouts", rolloutsError), ("SLOs", sloError), ("traces", tracesError), ("logs", logsError), ("cost", costError)]
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// How old a failing source's data is, for its pane's title: nil while it answers, or when
    /// it never did.
    public func staleAge(of source: DataSource, failing: Bool) -> TimeInterval? {
        guard failing, let now, let read = readAt[source] else { return nil }
        let age = now.timeIntervalSince(read)
        // Failing at once after an answer: there is no age worth saying yet.
        return age >= 1 ? age : nil
    }

    /// Whether a throttled source must wait before it is asked again.
    public func isHeldBack(_ source: DataSource) -> Bool {
        guard let slowed = slowedPolls[source], let now else { return false }
        return now < slowed.nextAt
    }

    /// What the status line says of the throttled APIs, one line per API (the rollouts and the
    /// Traffic split share ECS).
    public var throttleSummaries: [String] {
        DataSource.allCases.compactMap { slowedPolls[$0]?.summary }.firstOccurrences
    }

    /// Seconds since the last successful refresh, in the watched world's time.
    public var dataAge: TimeInterval? {
        guard let now, let lastRefresh else { return nil }
        return max(0, now.timeIntervalSince(lastRefresh))
    }
}

/// A trace drilled into: its waterfall, and the span selected in it.
public struct OpenTrace: Equatable, Sendable {
    public var id: TraceID
    public var spanSelection: Int
    /// Kept so the waterfall stays open when the trace leaves the bounded buffer.
    public var snapshot: Trace

    public init(trace: Trace, spanSelection: Int = 0) {
        id = trace.id
        self.spanSelection = spanSelection
        snapshot = trace
    }
}

public enum ConnectionState: Equatable, Sendable {
    case connecting
    case live
    /// Some sources answer, some do not: the failing ones, each with its error.
    case degraded([String])
    case offline(String)

    public var label: String {
        switch self {
        case .connecting: return "connecting"
        case .live: return "live"
        case .degraded(let failing): return failing.count == 1 ? "1 source failing" : "\(failing.count) sources failing"
        case .offline: return "offline"
        }
    }

    public var isOffline: Bool {
        if case .offline = self { return true }
        return false
    }
}
