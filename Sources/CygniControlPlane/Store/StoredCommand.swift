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
    public var action: RequestedAction
    public var reason: String?
    public var timeMilliseconds: Int64
    /// The request's body, when carrying it out again after a crash needs more than the fields
    /// above (a deploy's plan).
    public var body: String?

    public init(
        subject: String, idempotencyKey: String, requestHash: String, rolloutID: String, service: String,
        action: RequestedAction, reason: String?, timeMilliseconds: Int64, body: String? = nil
    ) {
        self.subject = subject
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.rolloutID = rolloutID
        self.service = service
        self.action = action
        self.reason = reason
        self.timeMilliseconds = timeMilliseconds
        self.body = body
    }
}

/// What an idempotent request asks for: an operator command on a rollout, or a deploy that
/// starts one (its rollout id is given when it is admitted).
public enum RequestedAction: Equatable, Sendable {
    case command(OperatorAction)
    case deploy

    public init?(rawValue: String) {
        if rawValue == "deploy" {
            self = .deploy
        } else if let action = OperatorAction(rawValue: rawValue) {
            self = .command(action)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .command(let action): action.rawValue
        case .deploy: "deploy"
        }
    }

    public var operatorAction: OperatorAction? {
        if case .command(let action) = self { action } else { nil }
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
