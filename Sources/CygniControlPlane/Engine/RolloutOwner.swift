import CygniAWSProvider
import CygniControlPlaneAPI
import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Logging

/// Drives one rollout while this replica holds its lease: each tick it carries out the engine's
/// pending commands, reads what the provider observes, steps the engine, and commits. Every
/// decision is committed with its commands before AWS is asked (the intent) and again after
/// each command is done (the result), each write fenced by the lease. One thing at a time:
/// ticks and operator commands take turns, so the record never sees two writers.
actor RolloutOwner: TakesTurns {
    private(set) var record: EngineRecord
    private(set) var lease: Lease
    /// Set when a write found the lease gone: another replica owns the rollout now.
    private(set) var lost = false
    private let store: any ControlPlaneStore
    private let provider: EngineProvider
    private let events: EventHub
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private var announced: RolloutFingerprint
    private var lastReadError: String?
    /// Counts the record's changes: a round's read made before the latest is stale.
    private var generation = 0
    let turns = Turns()

    init(record: EngineRecord, lease: Lease, store: any ControlPlaneStore, provider: EngineProvider, events: EventHub, clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.record = record
        self.lease = lease
        self.store = store
        self.provider = provider
        self.events = events
        self.clock = clock
        self.logger = logger
        announced = RolloutFingerprint(record.rollout)
    }

    /// The rollout as the API shows it (see `EngineRecord.rollout`).
    var rollout: Rollout { record.rollout }

    var provided: AWSRollout { record.provider }
    var isActive: Bool { record.isActive && !lost }

    /// A renewed lease; a new token means the rollout changed hands meanwhile, so the record
    /// this replica holds may be stale: the stored one is taken instead.
    func renewed(_ stored: StoredRollout) {
        guard let fresh = stored.lease, fresh != lease else { return }
        generation += 1
        lease = fresh
        if let newer = try? EngineRecord.decode(stored.record) { record = newer }
        lost = false
    }

    // MARK: Ticks

    /// One round. AWS is read outside the turn-taking, so an operator's command never waits
    /// behind a round's reads (a rollback's weights go out at once); a read that a command
    /// overtook is dropped, and the next round reads again (metrics are read once a minute for
    /// every rollout, so they are kept).
    func tick(metrics: MetricReads.Read?) async {
        let due: Bool = await exclusive {
            guard !lost, record.isActive else { return false }
            if !record.pending.isEmpty {
                if (record.retryAt ?? .distantPast) <= clock() { await drain() }
                // The world may rightly differ from the engine until its writes are done.
                if !record.pending.isEmpty { return false }
            }
            return !record.engine.isTerminal
        }
        guard due else { return }
        let now = clock()
        let readFrom = generation
        var observed = record.provider
        let engine = record.engine
        let phase = engine.phaseHistory.newest.last ?? PhaseRecord(phase: engine.phase, step: engine.stepIndex, start: engine.startedAt)
        var inputs: [EngineInput] = []
        do {
            inputs += try await provider.observe(&observed, plan: engine.plan, traffic: engine.traffic, phase: phase, checkOutside: true, now: now)
            lastReadError = nil
        } catch {
            noteReadError(error)
        }
        await exclusive {
            guard !lost, record.isActive, record.pending.isEmpty, !record.engine.isTerminal else { return }
            var changed = false
            if generation == readFrom {
                // Read times alone are not worth a write; newly seen stopped tasks are, and a
                // change in what ECS says of its deployment (a stage, a hook, a monitor).
                changed = observed.stoppedTasksSeen != record.provider.stoppedTasksSeen
                    || observed.serviceDeployment?.report != record.provider.serviceDeployment?.report
                record.provider = observed
            } else {
                // A command overtook the read; the minute's metrics below are still this round's.
                inputs = []
            }
            if let metrics, metrics.readThrough > record.provider.metricsReadThrough {
                let since = record.provider.metricsReadThrough
                inputs += metrics.windows.filter { $0.start >= since }.map(EngineInput.metrics)
                record.provider.metricsReadThrough = metrics.readThrough
                changed = true
            }
            inputs.append(.tick)
            let output = advance(inputs, at: now)
            guard changed || output.hasNews else { return }
            guard await commit(output) else { return }
            await drain()
        }
    }

    // MARK: Commands

    /// An operator's command: decided by the engine, committed, then carried out on AWS at
    /// once (a rollback's weights first). Writes AWS refuses now are retried by the ticks.
    func perform(_ command: OperatorCommand) async throws -> CommandOutcome {
        try await exclusive(urgent: true) {
            guard !lost else { throw DrivenElsewhere(rolloutID: command.rolloutID) }
            let actor = command.actor.hasPrefix("operator:") ? String(command.actor.dropFirst("operator:".count)) : command.actor
            let input = EngineInput.command(RolloutCommand(kind: command.kind, actor: actor, reason: command.reason, idempotencyKey: command.idempotencyKey))
            let output = advance([input], at: clock())
            guard await commit(output, urgent: true) else { throw DrivenElsewhere(rolloutID: command.rolloutID) }
            await drain(urgent: true)
            var outcome = output.outcome ?? CommandOutcome(accepted: false, message: "\(command.kind.rawValue) not understood")
            if outcome.accepted, !record.pending.isEmpty, let error = record.lastWriteError {
                outcome.message += "; AWS has not taken every change yet, cygnid keeps trying: \(error)"
            }
            return outcome
        }
    }

    // MARK: Engine and store

    /// Steps the engine through `inputs`, queueing the commands it asks for.
    private func advance(_ inputs: [EngineInput], at now: Date) -> Decisions {
        var decisions = Decisions()
        for input in inputs {
            let output = RolloutEngine.advance(&record.engine, input: input, at: now)
            record.pending.queue(output.commands)
            decisions.add(output)
        }
        return decisions
    }

    /// Writes the record with the decisions' audit entries and event; false when the lease is gone.
    /// An operator's command commits `urgent`, ahead of the rounds' routine writes.
    @discardableResult
    private func commit(_ decisions: Decisions = Decisions(), urgent: Bool = false) async -> Bool {
        generation += 1
        let now = clock()
        let rollout = self.rollout
        let fingerprint = RolloutFingerprint(rollout)
        var event: EventDraft?
        if fingerprint != announced || !decisions.events.isEmpty {
            let change = RolloutChange(rollout: RolloutDocument(rollout, events: false), newEvents: decisions.events.map(RolloutDocument.Event.init))
            event = EventDraft(type: "rollout", data: String(decoding: JSONBody.encode(change), as: UTF8.self), timeMilliseconds: Clock.milliseconds())
        }
        do {
            let saved = try await store.saveRollout(RolloutSave(
                id: record.id, record: try record.encoded(), active: record.isActive, lease: lease,
                timeMilliseconds: Int64(now.timeIntervalSince1970 * 1000), audit: decisions.audit, event: event, urgent: urgent))
            guard saved else {
                lost = true
                logger.warning("lease lost: another replica drives this rollout now", metadata: ["rollout": "\(record.id)"])
                return false
            }
        } catch {
            // Unsaved, nothing is carried out: the intent must be durable before AWS is asked.
            logger.error("rollout not saved", metadata: ["rollout": "\(record.id)", "error": "\(error)"])
            return false
        }
        announced = fingerprint
        if event != nil { await events.notify() }
        return true
    }

    /// Carries out the pending commands in order, committing after each; stops at the first
    /// that fails, to be tried again after a backoff.
    private func drain(urgent: Bool = false) async {
        while let command = record.pending.first, !lost {
            var provided = record.provider
            do {
                let results = try await provider.carryOut(command, on: &provided, plan: record.engine.plan)
                record.provider = provided
                record.pending.removeFirst()
                record.failedWrites = 0
                record.lastWriteError = nil
                record.waitingFor = nil
                record.retryAt = nil
                guard await commit(advance(results, at: clock()), urgent: urgent) else { return }
            } catch let waiting as ProviderWaiting {
                // ECS is not there yet: asked again at the next read, written only when news.
                let news = provided != record.provider || record.waitingFor != waiting.description || record.lastWriteError != nil
                record.provider = provided
                record.waitingFor = waiting.description
                record.lastWriteError = nil
                record.failedWrites = 0
                record.retryAt = clock().addingTimeInterval(provider.timing.healthEvery)
                if news { await commit(urgent: urgent) }
                return
            } catch {
                record.provider = provided
                record.failedWrites += 1
                record.lastWriteError = "\(command.summary): \(error)"
                let backoff = min(30, 0.5 * pow(2, Double(min(record.failedWrites, 8) - 1)))
                record.retryAt = clock().addingTimeInterval(backoff * Double.random(in: 0.75...1.25))
                logger.warning("AWS write failed; retrying", metadata: ["rollout": "\(record.id)", "command": "\(command.summary)", "error": "\(error)"])
                await commit(urgent: urgent)
                return
            }
        }
    }

    private func noteReadError(_ error: Error) {
        let text = "\(error)"
        if text != lastReadError {
            logger.warning("reading the service failed", metadata: ["rollout": "\(record.id)", "error": "\(text)"])
        }
        lastReadError = text
    }
}

/// What a run of engine steps decided: the audit entries of its own decisions (operator
/// commands are audited where they arrive) and the Timeline lines.
struct Decisions {
    var audit: [AuditDraft] = []
    var events: [TimelineEvent] = []
    /// The answer to an operator command among the inputs.
    var outcome: CommandOutcome?

    var hasNews: Bool { !audit.isEmpty || !events.isEmpty }

    mutating func add(_ output: StepOutput) {
        events += output.events
        if let answer = output.outcome { outcome = answer }
        audit += output.decisions.filter { !$0.actor.hasPrefix("operator:") }.map { entry in
            AuditDraft(
                timeMilliseconds: Int64(entry.time.timeIntervalSince1970 * 1000), actor: entry.actor, rolloutID: entry.rolloutID,
                action: entry.action, outcome: entry.accepted ? .accepted : .refused, reason: entry.reason,
                detail: "\(entry.fromPhase.rawValue) -> \(entry.toPhase.rawValue), canary \(entry.fromCanaryPercent)% -> \(entry.toCanaryPercent)%")
        }
    }
}

extension ProviderCommand {
    /// One line for logs and the rollout's reason.
    var summary: String {
        switch self {
        case .createFleet(let version, let count): "creating the \(version) task set (\(count) tasks)"
        case .scale(let version, let count): "scaling \(version) to \(count) tasks"
        case .setWeights(let split): "setting the weights to stable \(split.stable) / canary \(split.canary)"
        case .deleteFleet(let version): "deleting the \(version) task set"
        case .runHook(let name, _): "running hook \(name)"
        case .replaceTask(let version, let task): "replacing task \(task) of \(version)"
        }
    }
}

