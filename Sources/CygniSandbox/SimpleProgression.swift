import CygniClients
import CygniModel
import Foundation

/// The stand-in rollout driver until the engine lands: fixed step plans, a bake per step, a simple
/// judgement at the end of each bake, and two tripwires (crash loop, fast SLO burn) that roll back
/// at any time.
///
/// Blue-green: provisioning -> shifting (0 -> 100) -> baking -> promoting -> succeeded.
/// Canary: provisioning -> (shifting -> baking) for 5, 25, 50, 100 -> promoting -> succeeded.
struct SimpleProgression: RolloutDriver {
    var pendingSeconds = 30
    var minimumProvisioningSeconds = 10
    var shiftSeconds = 5
    var canaryBakeSeconds = 300
    var blueGreenBakeSeconds = 300
    var drainSeconds = 30
    var crashLoopWindowSeconds = 600
    var judge = CanaryJudge()

    static let canarySteps = [5, 25, 50, 100]
    static let blueGreenSteps = [100]

    func advance(_ record: inout RolloutRecord, observing observation: RolloutObservation) {
        guard record.isActive else { return }
        let time = observation.time
        noteTaskFailures(in: &record, observation)
        if record.phase != .rollingBack, let reason = tripwire(record, observation) {
            beginRollback(&record, reason: reason, actor: "engine", automatic: true, endsIn: .rolledBack, at: time)
            return
        }
        guard record.phase != .paused else { return }
        record.secondsInPhase += 1

        switch record.phase {
        case .pending:
            if record.secondsInPhase >= pendingSeconds {
                record.canaryDesired = fleetSize(for: record, weight: record.rollout.steps[0])
                record.enter(
                    .provisioning, at: time,
                    message: "provisioning \(record.canaryDesired) tasks of \(record.rollout.toVersion)")
            }
        case .provisioning:
            if record.secondsInPhase >= minimumProvisioningSeconds, observation.canary.healthyTasks >= record.canaryDesired {
                record.note(
                    .healthGate, .ok,
                    "health gate passed: \(observation.canary.healthyTasks)/\(record.canaryDesired) tasks of \(record.rollout.toVersion) healthy",
                    at: time)
                beginShift(&record, at: time)
            }
        case .shifting:
            if record.secondsInPhase >= shiftSeconds, observation.canary.healthyTasks >= record.canaryDesired {
                let weight = record.rollout.steps[record.rollout.step]
                record.shiftTraffic(toCanary: weight, at: time)
                let names = record.rollout.strategy.sideNames
                record.note(
                    .info, .info, "traffic: \(names.stable) \(100 - weight)% / \(names.canary) \(weight)%", at: time)
                if weight == 100, record.promoteRequested {
                    record.enter(.promoting, at: time, message: "promoting \(record.rollout.toVersion); draining \(record.rollout.fromVersion)")
                } else {
                    record.bakeBaseline = nil
                    record.enter(.baking, at: time, message: "baking \(Format.duration(seconds: bakeSeconds(record))) at \(weight)%")
                }
            }
        case .baking:
            if record.bakeBaseline == nil {
                record.bakeBaseline = BakeBaseline(stable: observation.stable.totals, canary: observation.canary.totals)
            }
            if record.secondsInPhase >= bakeSeconds(record) {
                concludeBake(&record, observation)
            }
        case .promoting:
            if record.secondsInPhase >= drainSeconds {
                record.stableDesired = 0
                record.rollout.reason = nil
                record.enter(
                    .succeeded, at: time,
                    message: "\(record.rollout.toVersion) promoted; \(record.rollout.fromVersion) drained and stopped")
            }
        case .rollingBack:
            if record.secondsInPhase >= drainSeconds {
                record.canaryDesired = 0
                record.enter(
                    record.rollbackEndsIn, at: time,
                    message: "\(record.rollout.toVersion) drained and stopped; \(record.rollout.fromVersion) serves 100%")
            }
        case .paused, .succeeded, .rolledBack, .failed:
            break
        }
    }

    func apply(_ command: OperatorCommand, to record: inout RolloutRecord, at time: Date) -> CommandOutcome {
        let service = record.rollout.service
        let because = command.reason.map { ": \($0)" } ?? ""
        switch command.kind {
        case .rollback, .abort:
            guard record.phase != .rollingBack else {
                return CommandOutcome(accepted: false, message: "\(service) is already rolling back")
            }
            let verb = command.kind == .abort ? "aborted" : "rolled back"
            beginRollback(
                &record, reason: "\(verb) by \(command.actor)\(because)", actor: command.actor, automatic: false,
                endsIn: command.kind == .abort ? .failed : .rolledBack, at: time)
            return CommandOutcome(
                accepted: true,
                message: "\(command.kind.progressive) \(service): traffic 100% to \(record.rollout.fromVersion)")
        case .promote:
            guard record.phase != .rollingBack, record.phase != .promoting else {
                return CommandOutcome(accepted: false, message: "\(service) is \(record.phase.rawValue); cannot promote")
            }
            record.paused = nil
            record.promoteRequested = true
            record.rollout.step = record.rollout.steps.count - 1
            record.note(
                .operatorAction, .warning, "promote requested by \(command.actor)\(because); skipping remaining steps",
                actor: command.actor, at: time)
            beginShift(&record, at: time, actor: command.actor)
            return CommandOutcome(accepted: true, message: "promoting \(service) to \(record.rollout.toVersion)")
        case .pause:
            guard record.phase != .paused else {
                return CommandOutcome(accepted: false, message: "\(service) is already paused")
            }
            guard record.phase != .rollingBack, record.phase != .promoting else {
                return CommandOutcome(accepted: false, message: "\(service) is \(record.phase.rawValue); cannot pause")
            }
            record.paused = PausedPhase(phase: record.phase, seconds: record.secondsInPhase)
            record.enter(.paused, at: time, message: "paused by \(command.actor)\(because)", actor: command.actor)
            return CommandOutcome(accepted: true, message: "paused \(service)")
        case .resume:
            guard let paused = record.paused, record.phase == .paused else {
                return CommandOutcome(accepted: false, message: "\(service) is not paused")
            }
            record.enter(
                paused.phase, at: time, message: "resumed by \(command.actor)\(because): \(paused.phase.rawValue)",
                actor: command.actor)
            record.secondsInPhase = paused.seconds
            record.paused = nil
            return CommandOutcome(accepted: true, message: "resumed \(service)")
        }
    }

    // MARK: - Steps

    private func bakeSeconds(_ record: RolloutRecord) -> Int {
        record.rollout.strategy == .blueGreen ? blueGreenBakeSeconds : canaryBakeSeconds
    }

    /// The new version's fleet for a step: blue-green runs a full green fleet; a canary grows with
    /// its weight, never below two tasks so that one death is not an outage.
    func fleetSize(for record: RolloutRecord, weight: Int) -> Int {
        if record.rollout.strategy == .blueGreen { return record.fullFleet }
        return max(2, Int((Double(record.fullFleet) * Double(weight) / 100).rounded(.up)))
    }

    private func beginShift(_ record: inout RolloutRecord, at time: Date, actor: String = "engine") {
        let step = record.rollout.step
        let weight = record.rollout.steps[step]
        record.canaryDesired = max(record.canaryDesired, fleetSize(for: record, weight: weight))
        record.bakeBaseline = nil
        record.enter(
            .shifting, at: time,
            message: "step \(step + 1)/\(record.rollout.steps.count): shifting to \(weight)% (\(record.canaryDesired) tasks)",
            actor: actor)
    }

    private func concludeBake(_ record: inout RolloutRecord, _ observation: RolloutObservation) {
        let time = observation.time
        let baseline = record.bakeBaseline ?? BakeBaseline(stable: observation.stable.totals, canary: observation.canary.totals)
        let stable = BakeSample(
            requests: observation.stable.totals.total - baseline.stable.total,
            errors: observation.stable.totals.errors - baseline.stable.errors,
            p99Milliseconds: observation.stable.metrics.p99Milliseconds())
        let canary = BakeSample(
            requests: observation.canary.totals.total - baseline.canary.total,
            errors: observation.canary.totals.errors - baseline.canary.errors,
            p99Milliseconds: observation.canary.metrics.p99Milliseconds())
        let judgement = judge.judge(stable: stable, canary: canary)
        let step = record.rollout.step
        let isLast = step == record.rollout.steps.count - 1
        let weight = record.rollout.steps[step]
        let severity: TimelineEvent.Severity = switch judgement.verdict {
        case .pass: .ok
        case .fail: .error
        default: .warning
        }
        record.rollout.verdict = judgement.verdict
        record.note(
            .analysis, severity, "analysis at step \(step + 1) (\(weight)%): \(judgement.verdict.rawValue): \(judgement.summary)",
            at: time)

        // The last judgement must pass; a marginal one there waits for a human, like an inconclusive one.
        let waitsForOperator = judgement.verdict == .inconclusive || judgement.verdict == .none
            || (judgement.verdict == .marginal && isLast)
        if judgement.verdict == .fail {
            beginRollback(
                &record, reason: "analysis failed at step \(step + 1) (\(weight)%): \(judgement.summary)", actor: "engine",
                automatic: true, endsIn: .rolledBack, at: time)
        } else if waitsForOperator {
            record.paused = PausedPhase(phase: .baking, seconds: 0)
            record.rollout.reason = "analysis \(judgement.verdict.rawValue) at step \(step + 1): \(judgement.summary)"
            record.enter(.paused, at: time, message: "waiting for an operator: analysis \(judgement.verdict.rawValue)")
        } else if isLast {
            record.enter(
                .promoting, at: time, message: "promoting \(record.rollout.toVersion); draining \(record.rollout.fromVersion)")
        } else {
            record.rollout.step += 1
            beginShift(&record, at: time)
        }
    }

    // MARK: - Rollback and tripwires

    private func beginRollback(
        _ record: inout RolloutRecord, reason: String, actor: String, automatic: Bool, endsIn: Phase, at time: Date
    ) {
        // Traffic first: stable takes everything before anything else happens.
        record.shiftTraffic(toCanary: 0, at: time)
        record.stableDesired = record.fullFleet
        record.paused = nil
        record.rollout.reason = reason
        record.rollbackEndsIn = endsIn
        if automatic {
            record.rollout.verdict = .fail
            record.note(.automaticAction, .error, "automatic rollback: \(reason)", actor: actor, at: time)
        } else {
            record.note(.operatorAction, .warning, reason, actor: actor, at: time)
        }
        let names = record.rollout.strategy.sideNames
        record.enter(
            .rollingBack, at: time,
            message: "rolling back: traffic \(names.stable) 100% (\(record.rollout.fromVersion)); draining \(record.rollout.toVersion)",
            actor: actor)
    }

    private func noteTaskFailures(in record: inout RolloutRecord, _ observation: RolloutObservation) {
        for event in observation.taskEvents {
            let task = "task \(event.taskID.prefix(8)) of \(event.version)"
            if event.kind == .stopped, event.isOutOfMemory {
                record.note(
                    .taskFailure, .error,
                    "\(task) stopped: \(event.stoppedReason ?? "") (exit code \(event.exitCode ?? 0))",
                    actor: "ecs", at: observation.time)
            } else if event.kind == .healthCheckFailed {
                record.note(.taskFailure, .warning, "\(task) failed its container health check", actor: "ecs", at: observation.time)
            }
        }
    }

    /// Why the rollout must be rolled back right now, if it must.
    private func tripwire(_ record: RolloutRecord, _ observation: RolloutObservation) -> String? {
        // The ECS deployment circuit breaker's threshold: half the desired count, within 3...200.
        let threshold = min(200, max(3, Int((0.5 * Double(record.fullFleet)).rounded(.up))))
        let recentKills = observation.canaryOutOfMemoryKills.filter { $0 > observation.second - crashLoopWindowSeconds }
        if recentKills.count >= threshold, let first = recentKills.first {
            return "crash loop: \(record.rollout.toVersion) tasks OOM-killed \(recentKills.count) times in "
                + "\(Format.duration(seconds: observation.second - first)) "
                + "(\(Fleet.outOfMemoryReason), exit code \(Fleet.outOfMemoryExitCode))"
        }
        // A fast burn while the new version takes traffic is the new version's doing.
        if record.rollout.traffic.canary > 0, let burn = observation.availabilityBurn, !burn.lowTraffic,
            let pair = burn.pairs.first(where: \.isFiring)
        {
            let windows = pair.windows.split(separator: "/")
            return "SLO \(record.rollout.service) \(burn.sloName) (\(Format.rounded(burn.objective * 100, places: 1))%) "
                + "burning \(Format.rate(pair.short)) over \(windows.first ?? "") and \(Format.rate(pair.long)) over "
                + "\(windows.last ?? "") (page at \(Format.rate(pair.threshold)))"
        }
        return nil
    }
}
