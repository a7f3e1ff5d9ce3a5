/// The body of a command that was carried out: what was done, and the rollout after it.
public struct CommandAnswer: Codable, Sendable {
    public struct Command: Codable, Sendable {
        public var id: Int64
        public var action: String
        public var rolloutId: String
        public var accepted: Bool
        public var message: String
        public var idempotencyKey: String

        public init(id: Int64, action: String, rolloutId: String, accepted: Bool, message: String, idempotencyKey: String) {
            self.id = id
            self.action = action
            self.rolloutId = rolloutId
            self.accepted = accepted
            self.message = message
            self.idempotencyKey = idempotencyKey
        }
    }

    public var command: Command
    public var rollout: RolloutDocument?

    public init(command: Command, rollout: RolloutDocument?) {
        self.command = command
        self.rollout = rollout
    }
}
