import CygniModel
import Foundation

/// One decision about a rollout, by a person or by the engine: who, what, when, why, from -> to.
public struct AuditEntry: Equatable, Sendable, Codable {
    public var time: Date
    public var rolloutID: String
    public var service: String
    /// "engine" or "operator:<name>".
    public var actor: String
    /// An operator command's name (`rollback`, `promote` ...) or the engine's (`advance`, `auto-rollback` ...).
    public var action: String
    public var reason: String?
    public var fromPhase: Phase
    public var toPhase: Phase
    /// The canary's share of traffic before and after.
    public var fromCanaryPercent: Int
    public var toCanaryPercent: Int
    /// False when an operator command was refused; the reason says why.
    public var accepted: Bool
    /// How many tries an operator command took (nil for the engine's decisions, and for
    /// entries written before tries were counted).
    public var attempts: Int?

    public init(
        time: Date, rolloutID: String, service: String, actor: String, action: String, reason: String?,
        fromPhase: Phase, toPhase: Phase, fromCanaryPercent: Int, toCanaryPercent: Int, accepted: Bool = true,
        attempts: Int? = nil
    ) {
        self.time = time
        self.rolloutID = rolloutID
        self.service = service
        self.actor = actor
        self.action = action
        self.reason = reason
        self.fromPhase = fromPhase
        self.toPhase = toPhase
        self.fromCanaryPercent = fromCanaryPercent
        self.toCanaryPercent = toCanaryPercent
        self.accepted = accepted
        self.attempts = attempts
    }

    /// The entry as a Timeline line.
    public var timelineEvent: TimelineEvent {
        let isOperator = actor.hasPrefix("operator:")
        var message = "\(action): \(fromPhase.rawValue) -> \(toPhase.rawValue)"
        if fromCanaryPercent != toCanaryPercent { message += ", canary \(fromCanaryPercent)% -> \(toCanaryPercent)%" }
        if let reason { message += " (\(reason))" }
        if !accepted { message = "refused \(message)" }
        return TimelineEvent(
            time: time, kind: isOperator ? .operatorAction : .automaticAction, severity: severity, message: message, actor: actor
        )
    }

    /// How loudly the Timeline should say it: a rollback is news, a step forward is not.
    private var severity: TimelineEvent.Severity {
        guard accepted else { return .warning }
        switch toPhase {
        case .rollingBack, .failed: return .error
        case .rolledBack, .paused: return .warning
        case .succeeded: return .ok
        case .pending, .provisioning, .shifting, .baking, .promoting: return .info
        }
    }
}
