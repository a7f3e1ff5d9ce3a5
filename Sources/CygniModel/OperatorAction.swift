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

    /// Where the command puts traffic once it has done its part, in words: what "settled" means.
    public var settledTraffic: String? {
        switch self {
        case .rollback, .abort: return "traffic is on stable"
        case .promote: return "traffic is on the new version"
        case .pause, .resume: return nil
        }
    }
}

/// What a control plane, or the engine behind it, made of an operator's command.
public struct CommandOutcome: Equatable, Sendable, Codable {
    public var accepted: Bool
    /// True when the command's idempotency key had been seen before and nothing new was done.
    public var duplicate: Bool
    public var message: String
    /// How many times it was tried before this answer (1 when the first try answered).
    public var attempts: Int
    /// Set when traffic is where the command puts it but its cleanup (deleting the task set
    /// left without traffic) has not finished: what is still to do, and why it is not done.
    public var cleanupPending: String?

    public init(accepted: Bool, duplicate: Bool = false, message: String, attempts: Int = 1, cleanupPending: String? = nil) {
        self.accepted = accepted
        self.duplicate = duplicate
        self.message = message
        self.attempts = attempts
        self.cleanupPending = cleanupPending
    }

    private enum CodingKeys: String, CodingKey {
        case accepted, duplicate, message, attempts, cleanupPending
    }

    /// Outcomes written before attempts were counted read as one attempt.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accepted = try container.decode(Bool.self, forKey: .accepted)
        duplicate = try container.decode(Bool.self, forKey: .duplicate)
        message = try container.decode(String.self, forKey: .message)
        attempts = try container.decodeIfPresent(Int.self, forKey: .attempts) ?? 1
        cleanupPending = try container.decodeIfPresent(String.self, forKey: .cleanupPending)
    }
}
