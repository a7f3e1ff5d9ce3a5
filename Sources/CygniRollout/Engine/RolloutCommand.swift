/// An operator's request to a rollout. Mirrors `CygniClients.OperatorCommand`, which the engine
/// cannot import; the key makes a repeated press harmless.
public struct RolloutCommand: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        case rollback, promote, pause, resume, abort
    }

    public var kind: Kind
    /// Who asked, without the "operator:" prefix.
    public var actor: String
    public var reason: String?
    public var idempotencyKey: String

    public init(kind: Kind, actor: String, reason: String? = nil, idempotencyKey: String) {
        self.kind = kind
        self.actor = actor
        self.reason = reason
        self.idempotencyKey = idempotencyKey
    }

    /// What the engine made of a command. (Named apart from `CygniClients.CommandOutcome`, which
    /// a control plane builds from it, so code importing both needs no qualification.)
    public struct Outcome: Equatable, Sendable, Codable {
        public var accepted: Bool
        /// The key had been seen before; nothing new was done.
        public var duplicate: Bool
        public var message: String

        public init(accepted: Bool, duplicate: Bool = false, message: String) {
            self.accepted = accepted
            self.duplicate = duplicate
            self.message = message
        }
    }
}
