/// An event for Server-Sent Events subscribers, before the store numbers it.
public struct EventDraft: Equatable, Sendable {
    /// `rollout` (a rollout changed) or `command` (a command was answered).
    public var type: String
    /// The event's JSON, one line.
    public var data: String
    public var timeMilliseconds: Int64

    public init(type: String, data: String, timeMilliseconds: Int64) {
        self.type = type
        self.data = data
        self.timeMilliseconds = timeMilliseconds
    }
}

/// An event in the log, numbered by the store; the number is the SSE `id:`.
public struct StoredEvent: Equatable, Sendable {
    public var id: Int64
    public var draft: EventDraft
}
