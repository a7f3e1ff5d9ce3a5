import CygniModel
import Foundation

/// The moves every path shares: changing phase, moving traffic, rolling back.
extension EngineState {
    static let engineActor = "engine"

    var stable: String { plan.fromVersion }
    var canary: String { plan.toVersion }
    var finalStep: PlanStep { steps[steps.count - 1] }

    /// The side a version serves, or nil for a version that is neither.
    func side(of version: String) -> Side? {
        version == canary ? .canary : version == stable ? .stable : nil
    }

    /// Moves to `next`, closing the current phase record, and journals the decision.
    mutating func enter(_ next: Phase, action: String, actor: String = engineActor, reason: String? = nil, _ out: inout StepOutput, trafficBefore: TrafficSplit? = nil) {
        let previous = phase
        let before = trafficBefore ?? traffic
        if let last = phaseHistory.entries.indices.last { phaseHistory.setEnd(of: last, out.now) }
        phase = next
        clockStartedAt = out.now
        phaseHistory.append(PhaseRecord(phase: next, step: stepIndex, start: out.now))
        let entry = AuditEntry(
            time: out.now, rolloutID: plan.id, service: plan.service, actor: actor, action: action, reason: reason,
            fromPhase: previous, toPhase: next, fromCanaryPercent: before.canary, toCanaryPercent: traffic.canary
        )
        out.decisions.append(entry)
        note(entry.timelineEvent, &out)
        if next.isTerminal { healing.cancelAllRestarts() }
    }

    mutating func note(_ event: TimelineEvent, _ out: inout StepOutput) {
        timeline.append(event)
        out.events.append(event)
    }

    mutating func note(_ kind: TimelineEvent.Kind, _ severity: TimelineEvent.Severity, _ message: String, _ out: inout StepOutput) {
        note(TimelineEvent(time: out.now, kind: kind, severity: severity, message: message, actor: Self.engineActor), &out)
    }

    mutating func setWeights(_ split: TrafficSplit, _ out: inout StepOutput) {
        traffic = split
        out.commands.append(.setWeights(split))
    }

    mutating func resize(_ version: String, to count: Int, _ out: inout StepOutput) {
        if let command = fleets.resize(version, to: count) { out.commands.append(command) }
    }

    mutating func delete(_ version: String, _ out: inout StepOutput) {
        if let command = fleets.delete(version) { out.commands.append(command) }
    }

    /// Puts all traffic back on the stable version, first thing, then restores its fleet.
    mutating func rollBack(action: String, actor: String = engineActor, reason: String, _ out: inout StepOutput) {
        let before = traffic
        setWeights(.allStable, &out)
        resize(stable, to: plan.fleet.desiredCount, &out)
        healing.cancelRestarts(of: canary)
        pause = nil
        self.reason = reason
        enter(.rollingBack, action: action, actor: actor, reason: reason, &out, trafficBefore: before)
    }

    /// Stops at once: stable gets the traffic, the new fleet goes, and the rollout has failed.
    mutating func abort(actor: String, reason: String, _ out: inout StepOutput) {
        let before = traffic
        setWeights(.allStable, &out)
        resize(stable, to: plan.fleet.desiredCount, &out)
        delete(canary, &out)
        pause = nil
        self.reason = reason
        enter(.failed, action: "abort", actor: actor, reason: reason, &out, trafficBefore: before)
    }

    /// Starts step `index`: grows the canary fleet to the step's size; traffic follows once it is healthy.
    mutating func enterStep(_ index: Int, actor: String = engineActor, _ out: inout StepOutput) {
        stepIndex = index
        let step = steps[index]
        growCanary(to: step, &out)
        evidence.reset()
        thresholdInterval = nil
        enter(.shifting, action: "advance", actor: actor, reason: "step \(index + 1) of \(steps.count): \(step.canaryWeight)% to \(canary)", &out)
    }

    mutating func enterPromoting(action: String = "promote", actor: String = engineActor, reason: String? = nil, _ out: inout StepOutput) {
        stepIndex = steps.count - 1
        growCanary(to: finalStep, &out)
        switchedAt = nil
        pause = nil
        enter(.promoting, action: action, actor: actor, reason: reason, &out)
    }

    /// Sizes the new fleet for `step`. A rolling update first stops enough old tasks to stay
    /// within its maximum percent; the other strategies run both fleets side by side.
    mutating func growCanary(to step: PlanStep, _ out: inout StepOutput) {
        if case .rolling(let parameters) = plan.strategy {
            let ceiling = plan.fleet.desiredCount * parameters.maximumPercent / 100
            let room = max(step.stableTasks, ceiling - step.canaryTasks)
            resize(stable, to: min(fleets.fleet(stable).desired, room), &out)
        }
        resize(canary, to: step.canaryTasks, &out)
    }

    mutating func pauseRollout(actor: String, reason: String, inconclusive: Bool, _ out: inout StepOutput) {
        pause = Pause(resumeTo: phase, since: out.now, inconclusive: inconclusive)
        self.reason = reason
        let since = clockStartedAt
        enter(.paused, action: "pause", actor: actor, reason: reason, &out)
        // The paused phase keeps the interrupted phase's clock, so resuming can subtract the pause.
        clockStartedAt = since
    }

    /// Whether the current phase has run longer than `limit` seconds.
    func hasRunLonger(than limit: Double, at now: Date) -> Bool {
        now.timeIntervalSince(clockStartedAt) >= limit
    }
}

extension BoundedLog where Element == PhaseRecord {
    mutating func setEnd(of index: Int, _ time: Date) {
        modifyEntry(at: index) { $0.end = time }
    }
}
