/// The body of `POST /v1/rollouts/{id}/commands`, as a client writes it; the server validates
/// every part with a message naming it.
public struct CommandBody: Codable, Sendable, Equatable {
    public var action: String
    public var reason: String?

    public init(action: String, reason: String?) {
        self.action = action
        self.reason = reason
    }
}
