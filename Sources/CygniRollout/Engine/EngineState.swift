import CygniModel
import Foundation

/// Everything the engine knows about one rollout. Codable, so an engine that restarts resumes
/// from the last saved state; time lives only in the dates inside it.
public struct EngineState: Equatable, Sendable, Codable {
    public let plan: RolloutPlan
    public let steps: [PlanStep]
    public internal(set) var phase: Phase
    /// Index in `steps` of the step in progress.
    public internal(set) var stepIndex: Int
    public internal(set) var traffic: TrafficSplit
    /// The latest judgement's verdict; `none` before the first.
    public internal(set) var verdict: Verdict
    /// Why the rollout is where it is, for a human: set on pauses, rollbacks and failures.
    public internal(set) var reason: String?
    public let startedAt: Date
    public internal(set) var updatedAt: Date
    public internal(set) var phaseHistory: BoundedLog<PhaseRecord>
    public internal(set) var timeline: BoundedLog<TimelineEvent>
    public internal(set) var judgements: BoundedLog<Judgement>
    public internal(set) var recommendation: MemoryRecommendation?

    /// When the current phase's clock started: timeouts and bakes count from here.
    var clockStartedAt: Date
    var pause: Pause?
    var hook: HookProgress
    /// When traffic reached 100% on the new version during promotion.
    var switchedAt: Date?
    var fleets: FleetBook
    var evidence: StepEvidence
    /// The newest datapoints behind the latest judgement, per side and metric: `evidence` starts
    /// afresh with the next step, and the analysis must still show what was judged.
    var judgedDatapoints: PerSide<[String: [Double]]>?
    var thresholdInterval: ThresholdInterval?
    /// The newest whole interval checked, for display; nil before the first.
    var lastThresholdCheck: ThresholdInterval?
    var failedChecks: Int
    var healing: HealingRecord
    var burn: BurnWatch
    var seenKeys: BoundedLog<String>
    /// The latest window per side, without its datapoints, for display.
    var lastWindows: PerSide<MetricWindow?>
    var requestRateHistory: PerSide<[Double]>

    struct Pause: Equatable, Sendable, Codable {
        var resumeTo: Phase
        var since: Date
        /// Paused by the engine because a judgement was inconclusive: resuming bakes the step again.
        var inconclusive: Bool
    }

    enum HookProgress: String, Equatable, Sendable, Codable {
        case none, requested, passed
    }

    init(plan: RolloutPlan, at time: Date) {
        self.plan = plan
        steps = plan.steps
        phase = .pending
        stepIndex = 0
        traffic = .allStable
        verdict = .none
        startedAt = time
        updatedAt = time
        phaseHistory = BoundedLog(capacity: 200)
        phaseHistory.append(PhaseRecord(phase: .pending, step: 0, start: time))
        timeline = BoundedLog(capacity: 500)
        judgements = BoundedLog(capacity: 50)
        clockStartedAt = time
        hook = .none
        fleets = FleetBook(stableVersion: plan.fromVersion, desiredCount: plan.fleet.desiredCount)
        evidence = StepEvidence()
        failedChecks = 0
        healing = HealingRecord()
        burn = BurnWatch(policies: plan.slos)
        seenKeys = BoundedLog(capacity: 256)
        lastWindows = PerSide(both: nil)
        requestRateHistory = PerSide(both: [])
    }

    public var isTerminal: Bool { phase.isTerminal }

    /// Service-level SLO status as of the last observation.
    public var sloStatuses: [SLOStatus] {
        burn.service.map { $0.status(service: plan.service) }
    }
}
