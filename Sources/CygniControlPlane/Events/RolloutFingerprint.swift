import CygniModel

/// What of a rollout makes a change worth a `rollout` event.
struct RolloutFingerprint: Equatable {
    var phase: Phase?
    var step: Int
    var canary: Int
    var verdict: Verdict?
    var reason: String?
    var eventCount: Int
    /// What ECS says of a deployment it runs (its stage, hooks, monitors), where it runs one.
    var ecsDeployment: ECSDeploymentReport?

    static let none = RolloutFingerprint(phase: nil, step: -1, canary: -1, verdict: nil, reason: nil, eventCount: 0)

    init(phase: Phase?, step: Int, canary: Int, verdict: Verdict?, reason: String?, eventCount: Int, ecsDeployment: ECSDeploymentReport? = nil) {
        self.phase = phase
        self.step = step
        self.canary = canary
        self.verdict = verdict
        self.reason = reason
        self.eventCount = eventCount
        self.ecsDeployment = ecsDeployment
    }

    init(_ rollout: Rollout) {
        self.init(
            phase: rollout.phase, step: rollout.step, canary: rollout.traffic.canary, verdict: rollout.verdict, reason: rollout.reason,
            eventCount: rollout.events.count, ecsDeployment: rollout.ecsDeployment)
    }
}
