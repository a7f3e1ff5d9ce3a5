import CygniModel

/// A command as it arrives, before the store gives it an id.
public struct NewCommand: Equatable, Sendable {
    /// Idempotency keys are the caller's: scoped per token subject, so two people cannot collide.
    public var subject: String
    public var idempotencyKey: String
    /// SHA-256 of the request's meaning (rollout, action, reason): same key, other hash is a 422.
    public var requestHash: String
    public var rolloutID: String
    public var service: String
    public var action: OperatorAction
    public var reason: String?
    public var timeMilliseconds: Int64

    public init(
        subject: String, idempotencyKey: String, requestHash: String, rolloutID: String, service: String,
        action: OperatorAction, reason: String?, timeMilliseconds: Int64
    ) {
        self.subject = subject
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.rolloutID = rolloutID
        self.service = service
        self.action = action
        self.reason = reason
        self.timeMilliseconds = timeMilliseconds
    }
}

/// A command the store holds: admitted, and answered once `response` is set.
public struct StoredCommand: Equatable, Sendable {
    public var id: Int64
    public var command: NewCommand
    public var response: StoredResponse?

    public var isAnswered: Bool { response != nil }
}

/// The answer to a command, kept so that a repeated request gets it byte for byte.
public struct StoredResponse: Equatable, Sendable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}
