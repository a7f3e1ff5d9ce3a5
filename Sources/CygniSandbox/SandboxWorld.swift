import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// The embedded sandbox: a simulated Cygni project on a virtual clock, deterministic for a seed.
/// Time only moves when asked: `advance(to:)` simulates whole virtual seconds, so advancing to T in
/// one call or in many gives the same world.
public actor SandboxWorld {
    public nonisolated let configuration: SandboxConfiguration
    private var state: WorldState

    /// A world whose rollouts write no journal: no file I/O at all (tests, `cx snapshot`).
    public init(configuration: SandboxConfiguration) {
        self.init(configuration: configuration, driver: EngineDriver())
    }

    /// A world whose rollout engine appends every operator command and automatic decision to
    /// `auditWriter`, e.g. `.journal(AuditJournal(url: AuditJournal.defaultURL()))` for the live console.
    public init(configuration: SandboxConfiguration, auditWriter: AuditWriter) {
        self.init(configuration: configuration, driver: EngineDriver(auditWriter: auditWriter))
    }

    /// The seam for the rollout engine: the same world, driven by another driver.
    init(configuration: SandboxConfiguration, driver: any RolloutDriver) {
        self.configuration = configuration
        self.state = WorldState(configuration: configuration, driver: driver)
    }

    /// Moves virtual time forward to `virtualSeconds` after the start; never backwards.
    public func advance(to virtualSeconds: Double) {
        state.advance(to: virtualSeconds)
    }

    /// The virtual time of the world.
    public var now: Date { state.now }

    /// Virtual seconds since the start.
    public var elapsedSeconds: Double { state.now.timeIntervalSince(configuration.start) }

    /// The rollout the scenario is about first, then rollouts that ended before the world began.
    public func rollouts() -> [Rollout] { state.rollouts() }

    /// Availability and latency SLOs of every service.
    public func slos() -> [SLOStatus] { state.slos() }

    /// Traces that started after `since` (all kept ones when nil), oldest first.
    public func traces(since: Date?) -> [Trace] { state.traces(since: since) }

    /// Log lines after `since` (the newest 2,000 when nil), in time order.
    public func logs(since: Date?) -> [LogEvent] { state.logs(since: since) }

    /// The lines that carry the trace (and the span, when given), in time order: the Logs pane's
    /// search, the same one `cx logs --trace` makes.
    public func logsForTrace(_ trace: TraceID, span: SpanID?) -> [LogEvent] {
        state.traceLogs(TraceLogQuery(trace: trace, span: span, limit: TraceLogQuery.paneLimit)).events
    }

    public func costReport() -> CostReport { state.costReport() }

    /// Traces that started in the query's window, newest first, filtered, at most its limit.
    public func traceSummaries(_ query: TraceSummaryQuery) -> [TraceOverview] { state.traceSummaries(query) }

    /// The lines of a trace, by the rule the AWS source follows too (see `TraceLogQuery`).
    public func traceLogs(_ query: TraceLogQuery) -> TraceLogSearch { state.traceLogs(query) }

    /// The simulated spend over the query's days, with a run-rate forecast, said to be simulated.
    public func spend(_ query: SpendQuery) -> SpendAnswer { state.spend(query) }

    /// What `cx doctor` reports here: that this is the sandbox, and what it simulates.
    public func doctorChecks() -> [DoctorCheck] { state.doctorChecks() }

    /// ECS-like task events (starts, stops, OOM kills), oldest first.
    public func taskEvents() -> [TaskEvent] { state.allTaskEvents() }

    /// Rollback, promote, pause, resume or abort; idempotent per `idempotencyKey`.
    public func perform(_ command: OperatorCommand) -> CommandOutcome { state.perform(command) }

    /// The plan a deploy would run here, starting nothing.
    public func plan(_ deploy: SandboxDeploy) -> Result<RolloutPlan, SandboxDeployRefusal> { state.plan(deploy) }

    /// Starts a deploy's rollout at the world's current second; refused while one is running.
    public func deploy(_ deploy: SandboxDeploy) -> Result<Rollout, SandboxDeployRefusal> { state.deploy(deploy) }

    /// How many items each bounded buffer holds and has dropped, for tests and `doctor`.
    public func bufferCounts() -> BufferCounts {
        BufferCounts(
            traces: state.traces.count, tracesDropped: state.traces.dropped, logs: state.logs.count,
            logsDropped: state.logs.dropped, taskEvents: state.taskEvents.count,
            taskEventsDropped: state.taskEvents.dropped)
    }
}
