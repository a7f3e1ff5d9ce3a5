import CygniModel

/// What of a rollout makes a change worth a `rollout` event.
struct RolloutFingerprint: Equatable {
    var phase: Phase?
    var step: Int
    var canary: Int
    var verdict: Verdict?
    var reason: String?
    var eventCount: Int

    static let none = RolloutFingerprint(phase: nil, step: -1, canary: -1, verdict: nil, reason: nil, eventCount: 0)

    init(phase: Phase?, step: Int, canary: Int, verdict: Verdict?, reason: String?, eventCount: Int) {
        self.phase = phase
        self.step = step
        self.canary = canary
        self.verdict = verdict
        self.reason = reason
        self.eventCount = eventCount
    }

    init(_ rollout: Rollout) {
        self.init(
            phase: rollout.phase, step: rollout.step, canary: rollout.traffic.canary, verdict: rollout.verdict, reason: rollout.reason,
            eventCount: rollout.events.count)
    }
}
