import CygniModel
import Foundation

/// Where the console's data comes from, as the status line names it.
public struct SourceDescription: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case sandbox, aws, controlPlane
    }

    public var kind: Kind
    /// "sandbox seed 42 canary-fail", "aws prod-admin eu-west-1".
    public var label: String

    public init(kind: Kind, label: String) {
        self.kind = kind
        self.label = label
    }
}

/// Rollouts: read them, follow them, and act on them.
public struct ControlPlaneClient: Sendable {
    public var rollouts: @Sendable () async throws -> [Rollout]
    /// Carries a command out, trying again through transient failures as `CommandRetry` says
    /// and telling `failed` of each try that will be retried. Throws `CommandRetry.Ending` when
    /// it gives up, `CancellationError` when cancelled between tries.
    public var perform: @Sendable (OperatorCommand, CommandRetry, @escaping CommandAttemptHandler) async throws -> CommandOutcome
    /// Changes as the source pushes them, until the iterating task is cancelled; nil for a
    /// source that is only read (the sandbox, AWS), whose changes show on the next read.
    public var updates: (@Sendable () -> AsyncStream<ControlPlaneUpdate>)?
    /// Plans and starts rollouts (`cx deploy`): cygnid's alone; other sources refuse.
    public var deploys: DeployClient = .refusing("this source")

    public init(
        rollouts: @escaping @Sendable () async throws -> [Rollout],
        perform: @escaping @Sendable (OperatorCommand, CommandRetry, @escaping CommandAttemptHandler) async throws -> CommandOutcome,
        updates: (@Sendable () -> AsyncStream<ControlPlaneUpdate>)? = nil
    ) {
        self.rollouts = rollouts
        self.perform = perform
        self.updates = updates
    }

    /// The command tried once.
    public func performOnce(_ command: OperatorCommand) async throws -> CommandOutcome {
        try await perform(command, .once, { _ in })
    }
}

/// SLOs, traces and logs.
public struct TelemetryClient: Sendable {
    public var slos: @Sendable () async throws -> [SLOStatus]
    /// Traces that started after `since` (all recent ones when nil), oldest first.
    public var traces: @Sendable (_ since: Date?) async throws -> [Trace]
    /// Log events after `since` (recent ones when nil), in time order.
    public var logs: @Sendable (_ since: Date?) async throws -> [LogEvent]
    /// The events that carry a trace (and span, when given), in time order.
    public var logsForTrace: @Sendable (_ trace: TraceID, _ span: SpanID?) async throws -> [LogEvent]

    public init(
        slos: @escaping @Sendable () async throws -> [SLOStatus],
        traces: @escaping @Sendable (_ since: Date?) async throws -> [Trace],
        logs: @escaping @Sendable (_ since: Date?) async throws -> [LogEvent],
        logsForTrace: @escaping @Sendable (_ trace: TraceID, _ span: SpanID?) async throws -> [LogEvent]
    ) {
        self.slos = slos
        self.traces = traces
        self.logs = logs
        self.logsForTrace = logsForTrace
    }
}

/// Spend per service and the cost of rollouts in progress.
public struct CostClient: Sendable {
    public var report: @Sendable () async throws -> CostReport

    public init(report: @escaping @Sendable () async throws -> CostReport) {
        self.report = report
    }
}

/// The time of the world being watched: wall time for AWS, virtual time for the sandbox.
public struct WorldClock: Sendable {
    public var now: @Sendable () async -> Date

    public init(now: @escaping @Sendable () async -> Date) {
        self.now = now
    }
}

/// Everything the console needs from a source, as one value to wire and to replace in tests.
public struct Clients: Sendable {
    public var source: SourceDescription
    public var controlPlane: ControlPlaneClient
    public var telemetry: TelemetryClient
    public var cost: CostClient
    public var clock: WorldClock
    /// Traces and their logs over a window (`cx traces`, `cx logs --trace`, the Logs pane).
    public var traceSearch: TraceSearchClient = .unavailable("this source")
    /// Spend over days by a grouping, with the forecast (`cx cost`).
    public var spend: SpendClient = .unavailable("this source")
    /// Fargate rates for a change of task size or count (`cx cost diff`).
    public var prices: PriceClient = .builtInTable(reason: "this source has no price list")
    /// The source's own checks (`cx doctor`).
    public var doctor: DoctorClient = .unavailable("this source")
    /// What the process behind the console has asked AWS for (the Cost pane, `cx cost`).
    public var awsUsage: AWSUsageClient = .unavailable("this source")

    public init(
        source: SourceDescription, controlPlane: ControlPlaneClient, telemetry: TelemetryClient,
        cost: CostClient, clock: WorldClock
    ) {
        self.source = source
        self.controlPlane = controlPlane
        self.telemetry = telemetry
        self.cost = cost
        self.clock = clock
    }
}

/// The error a client raises for a source it cannot reach; panes show `message` (sanitized).
public struct ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// Throttling, 5xx, resets, timeouts, unreadable answers: asking again may work.
    public var isTransient: Bool
    /// False when nothing failed: the source was deliberately not asked (a command that never
    /// shows cost makes no Cost Explorer request). Panes say so without marking an error.
    public var isFailure: Bool
    /// The API that throttled the read ("X-Ray"), when that is why it failed: the source is
    /// polled more slowly for a while (`PollBackoff`).
    public var throttledAPI: String?

    public init(_ message: String, isTransient: Bool = false, isFailure: Bool = true, throttledAPI: String? = nil) {
        self.message = message
        self.isTransient = isTransient
        self.isFailure = isFailure
        self.throttledAPI = throttledAPI
    }

    /// The source was not asked, on purpose; `reason` says why.
    public static func notRead(_ reason: String) -> ClientError {
        ClientError(reason, isFailure: false)
    }

    public var description: String { message }
}
