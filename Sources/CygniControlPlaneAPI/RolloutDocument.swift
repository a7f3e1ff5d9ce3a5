import CygniModel
import Foundation

/// A rollout as the API writes it: the fields of `cx status --json` (reason always present, null
/// when there is none), plus `id`, the `plan`, when it started and changed, its `events`, its
/// `phases` and each side's metrics (`sides`). Fields added after the first version are
/// optional, so a client reads a document from an older cygnid.
public struct RolloutDocument: Codable, Sendable {
    public struct Split: Codable, Sendable {
        public var stable: Int
        public var canary: Int
    }

    public struct Plan: Codable, Sendable {
        public var strategy: String
        /// The canary's share of traffic at each step, in order.
        public var steps: [Int]
        /// Seconds each step holds once its traffic has moved, beside `steps`.
        public var bakes: [Double]?
    }

    /// When the rollout entered a phase, and left it (null while current).
    public struct PhaseSpan: Codable, Sendable {
        public var phase: String
        public var step: Int
        public var start: Date
        public var end: Date?
    }

    /// What one side of the split is doing: the stable side first, the canary second.
    public struct Side: Codable, Sendable {
        public var role: String
        public var version: String
        public var requestsPerSecond: Double
        /// Fraction of requests that failed, 0...1.
        public var errorRate: Double
        public var p99Milliseconds: Double
        public var healthyTasks: Int
        public var totalTasks: Int
        /// Recent request rates, oldest first.
        public var history: [Double]
    }

    public struct Event: Codable, Sendable {
        public var time: Date
        public var kind: String
        public var severity: String
        public var message: String
        public var actor: String
    }

    public var id: String
    public var service: String
    public var environment: String
    public var region: String
    public var strategy: String
    public var phase: String
    public var fromVersion: String
    public var toVersion: String
    public var traffic: Split
    public var step: Int
    public var verdict: String
    /// As in `cx status --json`: the key is always there, null when there is no reason.
    public var reason: NullableField<String>
    public var plan: Plan
    public var startedAt: Date
    public var updatedAt: Date
    public var events: [Event]?
    public var phases: [PhaseSpan]?
    public var sides: [Side]?
    /// Why `sides` are empty or old: the per-side metrics could not be read.
    public var metricsError: String?
    /// As in `cx status --json`: the evidence behind the verdicts, null when nothing judges the
    /// rollout (then `analysisNote` says why). Absent from an older cygnid.
    public var analysis: NullableField<RolloutAnalysis>?
    public var analysisNote: String?
    /// For a deployment ECS runs itself: what ECS says of it, in its own words (stage, hooks
    /// and their expiry, circuit breaker, alarms, rollback). Absent otherwise.
    public var ecsDeployment: ECSDeploymentReport?

    /// `events: false` leaves the timeline out (SSE change events carry only what is new).
    public init(_ rollout: Rollout, events includeEvents: Bool = true) {
        id = rollout.id
        service = rollout.service
        environment = rollout.environment
        region = rollout.region
        strategy = rollout.strategy.rawValue
        phase = rollout.phase.rawValue
        fromVersion = rollout.fromVersion
        toVersion = rollout.toVersion
        traffic = Split(stable: rollout.traffic.stable, canary: rollout.traffic.canary)
        step = rollout.step
        verdict = rollout.verdict.rawValue
        reason = NullableField(rollout.reason)
        plan = Plan(strategy: rollout.strategy.rawValue, steps: rollout.steps, bakes: rollout.bakes)
        startedAt = rollout.startedAt
        updatedAt = rollout.updatedAt
        events = includeEvents ? rollout.events.map(Event.init) : nil
        phases = rollout.phases.map { PhaseSpan(phase: $0.phase.rawValue, step: $0.step, start: $0.start, end: $0.end) }
        sides = rollout.sides.map {
            Side(
                role: $0.role.rawValue, version: $0.version, requestsPerSecond: $0.requestsPerSecond, errorRate: $0.errorRate,
                p99Milliseconds: $0.p99Milliseconds, healthyTasks: $0.healthyTasks, totalTasks: $0.totalTasks, history: $0.history)
        }
        metricsError = rollout.metricsError
        analysis = NullableField(rollout.analysis)
        analysisNote = rollout.analysis == nil ? rollout.analysisNote : nil
        ecsDeployment = rollout.ecsDeployment
    }
}

extension RolloutDocument.Event {
    public init(_ event: TimelineEvent) {
        self.init(time: event.time, kind: event.kind.rawValue, severity: event.severity.rawValue, message: event.message, actor: event.actor)
    }
}
