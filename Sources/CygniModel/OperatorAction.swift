/// What an operator can ask of a rollout, in the console, the CLI and the engine alike.
public enum OperatorAction: String, Equatable, Sendable, Codable, CaseIterable {
    case rollback, promote, pause, resume, abort

    /// The present participle for status messages: "rolling back", "promoting".
    public var progressive: String {
        switch self {
        case .rollback: return "rolling back"
        case .promote: return "promoting"
        case .pause: return "pausing"
        case .resume: return "resuming"
        case .abort: return "aborting"
        }
    }
}

/// What a control plane, or the engine behind it, made of an operator's command.
public struct CommandOutcome: Equatable, Sendable, Codable {
    public var accepted: Bool
    /// True when the command's idempotency key had been seen before and nothing new was done.
    public var duplicate: Bool
    public var message: String

    public init(accepted: Bool, duplicate: Bool = false, message: String) {
        self.accepted = accepted
        self.duplicate = duplicate
        self.message = message
    }
}
