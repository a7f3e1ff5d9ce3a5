import CygniModel

/// Something an operator asks of a rollout. The idempotency key makes a repeated press or a
/// double confirm harmless: the control plane acts on a key once.
public struct OperatorCommand: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        case rollback, promote, pause, resume, abort

        /// The present participle for status messages: "rolling back", "promoting".
        public var progressive: String {
            switch self {
            case .rollback: return "rolling back"
            case .promote: return "promoting"
            case .pause: return "pausing"
            case .resume: return "resuming"
            case .abort: return "aborting"
            }
        }
    }

    public var kind: Kind
    public var rolloutID: String
    public var service: String
    public var reason: String?
    public var actor: String
    public var idempotencyKey: String

    public init(kind: Kind, rolloutID: String, service: String, reason: String?, actor: String, idempotencyKey: String) {
        self.kind = kind
        self.rolloutID = rolloutID
        self.service = service
        self.reason = reason
        self.actor = actor
        self.idempotencyKey = idempotencyKey
    }
}

/// What the control plane made of a command.
public struct CommandOutcome: Equatable, Sendable, Codable {
    public var accepted: Bool
    /// True when the key had been seen before and nothing new was done.
    public var duplicate: Bool
    public var message: String

    public init(accepted: Bool, duplicate: Bool = false, message: String) {
        self.accepted = accepted
        self.duplicate = duplicate
        self.message = message
    }
}
