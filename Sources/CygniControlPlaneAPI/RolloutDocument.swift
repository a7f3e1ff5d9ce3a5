import CygniModel
import Foundation

/// A rollout as the API writes it: the fields of `cx status --json` (reason always present, null
/// when there is none), plus `id`, the `plan`, when it started and changed, and its `events`.
public struct RolloutDocument: Codable, Sendable {
    public struct Split: Codable, Sendable {
        public var stable: Int
        public var canary: Int
    }

    public struct Plan: Codable, Sendable {
        public var strategy: String
        /// The canary's share of traffic at each step, in order.
        public var steps: [Int]
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
        plan = Plan(strategy: rollout.strategy.rawValue, steps: rollout.steps)
        startedAt = rollout.startedAt
        updatedAt = rollout.updatedAt
        events = includeEvents ? rollout.events.map(Event.init) : nil
    }
}

extension RolloutDocument.Event {
    public init(_ event: TimelineEvent) {
        self.init(time: event.time, kind: event.kind.rawValue, severity: event.severity.rawValue, message: event.message, actor: event.actor)
    }
}
