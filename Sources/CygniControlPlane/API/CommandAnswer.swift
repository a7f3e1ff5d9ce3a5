import CygniModel

/// The body of a command that was carried out: what was done, and the rollout after it.
struct CommandAnswer: Encodable, Sendable {
    struct Command: Encodable, Sendable {
        var id: Int64
        var action: String
        var rolloutId: String
        var accepted: Bool
        var message: String
        var idempotencyKey: String
    }

    var command: Command
    var rollout: RolloutDocument?
}
