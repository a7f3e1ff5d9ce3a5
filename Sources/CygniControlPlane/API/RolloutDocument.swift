import CygniModel
import Foundation

/// A rollout as the API writes it: the fields of `cx status --json` (reason always present, null
/// when there is none), plus `id`, the `plan`, when it started and changed, and its `events`.
struct RolloutDocument: Encodable, Sendable {
    struct Split: Encodable, Sendable {
        var stable: Int
        var canary: Int
    }

    struct Plan: Encodable, Sendable {
        var strategy: String
        /// The canary's share of traffic at each step, in order.
        var steps: [Int]
    }

    struct Event: Encodable, Sendable {
        var time: Date
        var kind: String
        var severity: String
        var message: String
        var actor: String
    }

    var id: String
    var service: String
    var environment: String
    var region: String
    var strategy: String
    var phase: String
    var fromVersion: String
    var toVersion: String
    var traffic: Split
    var step: Int
    var verdict: String
    /// As in `cx status --json`: the key is always there, null when there is no reason.
    var reason: NullableField<String>
    var plan: Plan
    var startedAt: Date
    var updatedAt: Date
    var events: [Event]?

    /// `events: false` leaves the timeline out (SSE change events carry only what is new).
    init(_ rollout: Rollout, events includeEvents: Bool = true) {
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
    init(_ event: TimelineEvent) {
        self.init(time: event.time, kind: event.kind.rawValue, severity: event.severity.rawValue, message: event.message, actor: event.actor)
    }
}
