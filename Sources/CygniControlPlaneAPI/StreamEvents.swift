/// The `rollout` event's data: the rollout now (without its timeline) and the timeline's new lines.
public struct RolloutChange: Codable, Sendable {
    public var rollout: RolloutDocument
    public var newEvents: [RolloutDocument.Event]

    public init(rollout: RolloutDocument, newEvents: [RolloutDocument.Event]) {
        self.rollout = rollout
        self.newEvents = newEvents
    }
}

/// The `command` event's data.
public struct CommandEvent: Codable, Sendable {
    public var id: Int64
    public var rolloutId: String
    public var action: String
    public var actor: String
    public var accepted: Bool
    public var message: String

    public init(id: Int64, rolloutId: String, action: String, actor: String, accepted: Bool, message: String) {
        self.id = id
        self.rolloutId = rolloutId
        self.action = action
        self.actor = actor
        self.accepted = accepted
        self.message = message
    }
}
