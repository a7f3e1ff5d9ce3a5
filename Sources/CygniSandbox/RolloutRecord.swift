import CygniModel
import CygniRollout
import Foundation

/// A rollout as the world keeps it: the public value (without live side statistics) and what the
/// driver asks of the fleets. The driver changes it only through these methods, so every change
/// leaves a trace in the phase history and the timeline.
struct RolloutRecord: Equatable, Sendable {
    static let eventsKept = 500

    var rollout: Rollout
    /// Index of the deployment this rollout releases to.
    let deploymentIndex: Int
    /// Task count of a full fleet of the service in this region.
    let fullFleet: Int
    var stableDesired: Int
    var canaryDesired: Int
    /// Seconds spent in the current phase, not counting pauses.
    var secondsInPhase = 0
    /// Where to go back to while paused.
    var paused: PausedPhase?
    /// The phase a rollback ends in: rolledBack, or failed for an abort.
    var rollbackEndsIn: Phase = .rolledBack
    /// Set by an operator's promote: skip the remaining bakes.
    var promoteRequested = false
    /// Totals of each side when the current bake began.
    var bakeBaseline: BakeBaseline?
    /// What running both fleets at once has cost so far.
    var overlapCost = 0.0
    /// The rollout engine's state when the engine drives this rollout.
    var engine: EngineState?
    /// The plan a deploy asked for; nil for the scenario's release, whose plan the driver builds.
    var plan: RolloutPlan?
    /// Each side's totals when last reported to the engine, so each report covers one second.
    var reportedTotals = BakeBaseline(stable: RequestCounts(), canary: RequestCounts())

    init(rollout: Rollout, deploymentIndex: Int, fullFleet: Int) {
        self.rollout = rollout
        self.deploymentIndex = deploymentIndex
        self.fullFleet = fullFleet
        self.stableDesired = fullFleet
        self.canaryDesired = 0
    }

    var phase: Phase { rollout.phase }
    var isActive: Bool { rollout.isActive }

    mutating func enter(_ phase: Phase, at time: Date, message: String? = nil, actor: String = "engine") {
        if let last = rollout.phases.indices.last, rollout.phases[last].end == nil {
            rollout.phases[last].end = time
        }
        rollout.phases.append(PhaseRecord(phase: phase, step: rollout.step, start: time))
        if rollout.phases.count > Self.eventsKept { rollout.phases.removeFirst(rollout.phases.count - Self.eventsKept) }
        rollout.phase = phase
        secondsInPhase = 0
        let severity: TimelineEvent.Severity
        switch phase {
        case .succeeded: severity = .ok
        case .rollingBack, .rolledBack, .failed: severity = .error
        case .paused: severity = .warning
        default: severity = .info
        }
        note(.phase, severity, message ?? "\(phase.rawValue)", actor: actor, at: time)
    }

    mutating func note(
        _ kind: TimelineEvent.Kind, _ severity: TimelineEvent.Severity, _ message: String, actor: String = "engine",
        at time: Date
    ) {
        rollout.events.append(TimelineEvent(time: time, kind: kind, severity: severity, message: message, actor: actor))
        if rollout.events.count > Self.eventsKept { rollout.events.removeFirst(rollout.events.count - Self.eventsKept) }
        rollout.updatedAt = time
    }

    mutating func shiftTraffic(toCanary weight: Int, at time: Date) {
        rollout.traffic = TrafficSplit(canary: weight)
        rollout.updatedAt = time
    }
}

/// Both sides' totals when a bake began.
struct BakeBaseline: Equatable, Sendable {
    var stable: RequestCounts
    var canary: RequestCounts
}

/// The phase a paused rollout returns to, with the seconds it had already spent there.
struct PausedPhase: Equatable, Sendable {
    var phase: Phase
    var seconds: Int
}
