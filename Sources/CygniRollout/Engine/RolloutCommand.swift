import CygniModel

/// An operator's request to the engine: an `OperatorCommand` without the routing (rollout id,
/// service) the engine does not need, and with the bare actor name. The key makes a repeated
/// press harmless.
public struct RolloutCommand: Equatable, Sendable, Codable {
    public typealias Kind = OperatorAction
    public typealias Outcome = CommandOutcome

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
}
