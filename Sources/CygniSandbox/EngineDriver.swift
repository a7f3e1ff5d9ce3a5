import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// Drives the sandbox's rollout with the real engine (CygniRollout): each second the world's
/// truth becomes engine inputs, and the engine's provider commands become fleet sizes and weights.
/// The engine's state lives in the record, so the world stays one value.
struct EngineDriver: RolloutDriver {
    /// Seconds each step bakes before it is judged.
    var bakeSeconds = 300.0
    /// Where operator commands and automatic decisions are journaled; nil writes nothing, so a
    /// world made for a test or a snapshot touches no file.
    var auditWriter: AuditWriter?

    func advance(_ record: inout RolloutRecord, observing observation: RolloutObservation) {
        guard record.isActive else { return }
        var inputs: [EngineInput] = []
        let starting = record.engine == nil
        if starting {
            start(&record)
            inputs.append(.sloHistory(observation.sloHistory))
        }
        inputs += [
            .fleetHealth(health(observation.stable)),
            .fleetHealth(health(observation.canary)),
        ]
        if !observation.taskEvents.isEmpty { inputs.append(.taskEvents(observation.taskEvents)) }
        let previous = record.reportedTotals
        let split = record.rollout.traffic
        // The history has counted the first second, and the warm-up's minutes in each side's totals
        // before it: the sides' reports start after it, so nothing is counted twice.
        if split.stable > 0, !starting { inputs.append(.metrics(window(observation.stable, since: previous.stable, at: observation.time))) }
        if split.canary > 0, !starting { inputs.append(.metrics(window(observation.canary, since: previous.canary, at: observation.time))) }
        record.reportedTotals = BakeBaseline(stable: observation.stable.totals, canary: observation.canary.totals)
        inputs.append(.tick)
        for input in inputs { feed(input, to: &record, at: observation.time) }
    }

    func apply(_ command: OperatorCommand, to record: inout RolloutRecord, at time: Date) -> CommandOutcome {
        // A command before the world's first second starts the engine without the service's
        // history (no observation yet): its SLO view then begins with the rollout.
        if record.engine == nil { start(&record) }
        let actor = command.actor.hasPrefix("operator:") ? String(command.actor.dropFirst("operator:".count)) : command.actor
        let engineCommand = RolloutCommand(kind: command.kind, actor: actor, reason: command.reason, idempotencyKey: command.idempotencyKey)
        return feed(.command(engineCommand), to: &record, at: time)
            ?? CommandOutcome(accepted: false, message: "\(command.kind.rawValue) not understood")
    }

    // MARK: - Engine

    /// Starts the engine when the rollout begins: with the plan a deploy asked for, else the
    /// one built from the scenario's release.
    private func start(_ record: inout RolloutRecord) {
        let plan = record.plan ?? releasePlan(record)
        // The plan is built from fixed, valid values, or validated when the deploy was asked
        // for; a failure here is a programming error.
        record.engine = try? RolloutEngine.start(plan: plan, at: record.rollout.startedAt)
    }

    /// The scenario's release: its steps, with this driver's bakes.
    private func releasePlan(_ record: RolloutRecord) -> RolloutPlan {
        let rollout = record.rollout
        let strategy: StrategyPlan = rollout.strategy == .blueGreen
            ? .blueGreen(BlueGreenParameters(bake: bakeSeconds))
            : .canary(CanaryParameters(steps: rollout.steps, bake: bakeSeconds))
        return Self.plan(
            id: rollout.id, service: rollout.service, region: rollout.region, fromVersion: rollout.fromVersion,
            toVersion: rollout.toVersion, strategy: strategy, analysis: Self.analysis, fleetSize: record.fullFleet)
    }

    /// The sandbox serves enough traffic for the judge; per-minute threshold checks would roll
    /// a failing canary back before it is judged, leaving no verdict to show. Errors weigh three
    /// times latency, so a canary that is only slower scores 75: marginal, not failed.
    static let analysis = AnalysisPolicy(groupWeights: ["errors": 3, "latency": 1], marginalScore: 70, thresholds: nil)

    /// A plan for a rollout of `service` in the sandbox: its task size, the SLOs the world
    /// counts, and self-healing tuned to the simulated tasks.
    static func plan(
        id: String, service: String, region: String, fromVersion: String, toVersion: String, strategy: StrategyPlan,
        analysis: AnalysisPolicy, fleetSize: Int
    ) -> RolloutPlan {
        let spec = ServiceSpec.all.first { $0.name == service } ?? .checkout
        return RolloutPlan(
            id: id, service: service, environment: ServiceSpec.environment, region: region,
            fromVersion: fromVersion, toVersion: toVersion, strategy: strategy,
            fleet: FleetSpec(desiredCount: fleetSize, vCPU: spec.taskSize.vCPU, memoryGB: spec.taskSize.memoryGB),
            analysis: analysis,
            // The service's objectives and latency threshold, so the engine's SLOs are the ones
            // the world counts slow requests for and the SLO pane names.
            slos: SLOCalculator.policies,
            // A leaking task fails its health check just before the kernel kills it: count four
            // failures (two tasks, two kills) as the loop, so the engine has seen repeated OOM
            // kills and can recommend a memory size with the rollback.
            healing: HealingPolicy(crashLoopFailures: 4))
    }

    /// One input through the engine; its commands are carried out at once, in order.
    @discardableResult
    private func feed(_ input: EngineInput, to record: inout RolloutRecord, at time: Date) -> RolloutCommand.Outcome? {
        guard var engine = record.engine else { return nil }
        let output = RolloutEngine.advance(&engine, input: input, at: time)
        record.engine = engine
        if let auditWriter, !output.decisions.isEmpty {
            // A journal that cannot be written must not stop the rollout; the timeline still has it.
            try? auditWriter.append(output.decisions)
        }
        for command in output.commands { carry(command, in: &record, at: time) }
        record.rollout = engine.rollout
        return output.outcome
    }

    private func carry(_ command: ProviderCommand, in record: inout RolloutRecord, at time: Date) {
        let canary = record.rollout.toVersion
        switch command {
        case .createFleet(let version, let count), .scale(let version, let count):
            if version == canary { record.canaryDesired = count } else { record.stableDesired = count }
        case .deleteFleet(let version):
            if version == canary { record.canaryDesired = 0 } else { record.stableDesired = 0 }
        case .setWeights(let split):
            record.rollout.traffic = split
        case .runHook(let name, _):
            // The sandbox's hooks always pass: its scenarios fail on traffic, not on smoke tests.
            feed(.hookFinished(name: name, succeeded: true, detail: nil), to: &record, at: time)
        case .replaceTask:
            // The sandbox's fleets keep themselves at the desired count, as an ECS service does.
            break
        }
    }

    // MARK: - Observations

    private func health(_ side: SideObservation) -> FleetHealth {
        FleetHealth(version: side.version, desired: side.liveTasks, running: side.liveTasks, healthy: side.healthyTasks)
    }

    private func window(_ side: SideObservation, since previous: RequestCounts, at time: Date) -> MetricWindow {
        let totals = side.totals
        let requests = max(0, totals.total - previous.total)
        // A second without requests recorded no latency: resending older samples would count them twice.
        let latencies = requests > 0 ? side.metrics.newestLatencies(VersionMetrics.latencySamplesPerSecond) : []
        return MetricWindow(
            version: side.version, start: time.addingTimeInterval(-1), end: time,
            requests: requests, errors: max(0, totals.errors - previous.errors),
            slowRequests: max(0, totals.slow - previous.slow), p99Milliseconds: side.metrics.p99Milliseconds(),
            samples: latencies.isEmpty ? [:] : [MetricSpec.latency.name: latencies])
    }
}
