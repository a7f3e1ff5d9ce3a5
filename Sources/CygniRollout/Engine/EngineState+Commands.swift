import CygniModel
import Foundation

/// Operator commands. Each key acts once; a refused command is journaled with its reason.
extension EngineState {
    mutating func handle(_ command: RolloutCommand, _ out: inout StepOutput) {
        if seenKeys.contains(command.idempotencyKey) {
            out.outcome = RolloutCommand.Outcome(accepted: true, duplicate: true, message: "already done (key \(command.idempotencyKey))")
            return
        }
        seenKeys.append(command.idempotencyKey)
        let actor = "operator:\(command.actor)"
        let because = command.reason.map { ": \($0)" } ?? ""
        switch command.kind {
        case .rollback:
            if phase == .rollingBack {
                // Saying it again re-asserts the weights: the operator may know they drifted.
                setWeights(.allStable, &out)
                accept("already rolling back; traffic set to \(stable) again", command, actor, &out)
            } else {
                rollBack(action: "rollback", actor: actor, reason: "rolled back by \(command.actor)\(because)", &out)
                accept("rolling back to \(stable)", command, actor, &out, journal: false)
            }
        case .abort:
            abort(actor: actor, reason: "aborted by \(command.actor)\(because)", &out)
            accept("aborted; traffic on \(stable)", command, actor, &out, journal: false)
        case .promote:
            switch phase {
            case .rollingBack:
                refuse("a rollback is in progress", command, actor, &out)
            case .promoting:
                accept("already promoting", command, actor, &out)
            default:
                enterPromoting(action: "promote", actor: actor, reason: "promoted by \(command.actor)\(because)", &out)
                accept("promoting \(canary)", command, actor, &out, journal: false)
            }
        case .pause:
            switch phase {
            case .rollingBack:
                refuse("a rollback cannot be paused", command, actor, &out)
            case .paused:
                accept("already paused", command, actor, &out)
            default:
                pauseRollout(actor: actor, reason: "paused by \(command.actor)\(because)", inconclusive: false, &out)
                accept("paused", command, actor, &out, journal: false)
            }
        case .resume:
            guard phase == .paused, let pause else {
                refuse("not paused", command, actor, &out)
                return
            }
            resume(from: pause, actor: actor, because: because, &out)
            accept("resumed", command, actor, &out, journal: false)
        }
    }

    private mutating func resume(from pause: Pause, actor: String, because: String, _ out: inout StepOutput) {
        // The interrupted phase's clock skips the pause; after an inconclusive judgement the step bakes again.
        let resumedClock = pause.inconclusive
            ? out.now
            : clockStartedAt.addingTimeInterval(out.now.timeIntervalSince(pause.since))
        self.pause = nil
        reason = nil
        enter(pause.resumeTo, action: "resume", actor: actor, reason: "resumed by \(actor.dropFirst("operator:".count))\(because)", &out)
        clockStartedAt = resumedClock
        if let switchedAt { self.switchedAt = switchedAt.addingTimeInterval(out.now.timeIntervalSince(pause.since)) }
        if let interval = thresholdInterval { thresholdInterval = ThresholdInterval(start: max(interval.start, out.now.timeIntervalSinceReferenceDate)) }
    }

    private mutating func accept(_ message: String, _ command: RolloutCommand, _ actor: String, _ out: inout StepOutput, journal: Bool = true) {
        out.outcome = RolloutCommand.Outcome(accepted: true, message: message)
        if journal { journalCommand(command, actor, accepted: true, message, &out) }
    }

    private mutating func refuse(_ why: String, _ command: RolloutCommand, _ actor: String, _ out: inout StepOutput) {
        out.outcome = RolloutCommand.Outcome(accepted: false, message: "cannot \(command.kind.rawValue): \(why)")
        journalCommand(command, actor, accepted: false, why, &out)
    }

    /// Journals a command that did not change the phase (a phase change journals itself).
    private mutating func journalCommand(_ command: RolloutCommand, _ actor: String, accepted: Bool, _ why: String, _ out: inout StepOutput) {
        let entry = AuditEntry(
            time: out.now, rolloutID: plan.id, service: plan.service, actor: actor, action: command.kind.rawValue,
            reason: command.reason.map { "\(why); \($0)" } ?? why, fromPhase: phase, toPhase: phase,
            fromCanaryPercent: traffic.canary, toCanaryPercent: traffic.canary, accepted: accepted
        )
        out.decisions.append(entry)
        note(entry.timelineEvent, &out)
    }
}
