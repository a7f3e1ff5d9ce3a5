import CygniClients
import CygniModel
import CygniTerminal
import Foundation

/// Everything that can happen to the console.
public enum DashboardAction: Equatable, Sendable {
    /// The console opened: start the refresh timer and fetch at once.
    case start
    /// The refresh timer fired; carries the watched world's time.
    case tick(Date)
    /// Fetch everything once, without starting the timer (headless frames).
    case load
    /// Fetch now (after a command, or by key).
    case refreshRequested
    case refreshed(Refresh)
    case costLoaded(Result<CostReport, ClientError>)
    /// What the process behind the console has asked AWS for, read with the cost.
    case awsUsageLoaded(Result<AWSUsageReport, ClientError>)
    /// The control plane pushed a change (or its stream opened or closed).
    case controlPlaneUpdate(ControlPlaneUpdate)
    case traceLogsLoaded(TraceID, SpanID?, Result<[LogEvent], ClientError>)
    /// A try of a sent command failed and will be made again.
    case commandRetrying(OperatorCommand, CommandAttempt)
    case commandFinished(OperatorCommand, Result<CommandOutcome, ClientError>)
    case themeLoaded(Result<Theme, ConfigurationError>)
    case keymapLoaded(Result<Keymap, ConfigurationError>)
    case flashExpired(Int)
    case key(Key)
    case resized(width: Int, height: Int)
    /// SIGINT, SIGTERM or SIGHUP: leave now.
    case quit
}

/// One round of fetching: each source answers or fails on its own, so one failing source
/// degrades its panes and not the console. A source not asked this round (hidden behind a
/// zoomed pane, not due, or slowed after a throttle) is nil.
public struct Refresh: Equatable, Sendable {
    public var now: Date
    public var rollouts: Result<[Rollout], ClientError>?
    public var slos: Result<[SLOStatus], ClientError>?
    public var traces: Result<[Trace], ClientError>?
    public var logs: Result<[LogEvent], ClientError>?

    public init(
        now: Date, rollouts: Result<[Rollout], ClientError>?, slos: Result<[SLOStatus], ClientError>?,
        traces: Result<[Trace], ClientError>?, logs: Result<[LogEvent], ClientError>?
    ) {
        self.now = now
        self.rollouts = rollouts
        self.slos = slos
        self.traces = traces
        self.logs = logs
    }
}
