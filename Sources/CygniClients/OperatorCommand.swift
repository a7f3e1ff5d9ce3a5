import CygniModel

/// Something an operator asks of a rollout, addressed to the control plane that runs it. The
/// idempotency key makes a repeated press or a double confirm harmless: the control plane acts
/// on a key once.
public struct OperatorCommand: Equatable, Sendable, Codable {
    public typealias Kind = OperatorAction

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
