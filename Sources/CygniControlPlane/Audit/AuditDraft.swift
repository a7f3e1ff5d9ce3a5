/// One audit entry before it joins the chain: who did what to which rollout, and how it ended.
public struct AuditDraft: Equatable, Sendable, Codable {
    public enum Outcome: String, Equatable, Sendable, Codable {
        /// Carried out.
        case accepted
        /// Asked for, but the rollout could not take it (finished, unknown).
        case refused
        /// Not allowed: authentication or authorization failed.
        case denied
        /// Tried, and the world behind the API failed.
        case failed
    }

    public var timeMilliseconds: Int64
    /// The token's `sub`, `engine` for the engine's own decisions, `anonymous` when no token verified.
    public var actor: String
    /// Nil when the request named no rollout (a denied audit read).
    public var rolloutID: String?
    public var action: String
    public var outcome: Outcome
    /// The operator's reason, or the engine's.
    public var reason: String?
    /// What the control plane said about it: the command's message, the denial's reason.
    public var detail: String?

    public init(
        timeMilliseconds: Int64, actor: String, rolloutID: String?, action: String, outcome: Outcome,
        reason: String?, detail: String?
    ) {
        self.timeMilliseconds = timeMilliseconds
        self.actor = actor
        self.rolloutID = rolloutID
        self.action = action
        self.outcome = outcome
        self.reason = reason
        self.detail = detail
    }
}

/// An entry in the chain: its place, the hash of the entry before it, and its own hash.
public struct AuditRecord: Equatable, Sendable {
    public var seq: Int64
    public var draft: AuditDraft
    public var previousHash: String
    public var hash: String
}
