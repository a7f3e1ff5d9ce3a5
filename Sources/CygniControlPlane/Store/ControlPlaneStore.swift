/// The control plane's durable state: commands with their idempotency records, the audit chain,
/// and the event log that Server-Sent Events replay. SQLite (embedded) and PostgreSQL (for
/// replicas, later) implement it, so nothing here assumes one process or one file:
/// every method is one transaction, ids come from the database, and the audit chain is extended
/// inside the transaction that reads its head.
public protocol ControlPlaneStore: Sendable {
    /// Records a command before it is carried out, in one transaction with its idempotency
    /// record; or says why not: the key was answered already, is still running, or was used
    /// for another request.
    func admit(_ command: NewCommand) async throws -> CommandAdmission

    /// Stores a command's answer, appends its audit entry and its event, in one transaction; nil,
    /// writing nothing, when the command was answered already (two replicas may both try).
    func complete(commandID: Int64, response: StoredResponse, audit: AuditDraft, event: EventDraft) async throws -> CompletedCommand?

    /// Every command in the order it was admitted, answered or not.
    func commands() async throws -> [StoredCommand]

    /// Commands admitted and not yet answered, oldest first: what a restart or the replica
    /// driving their rollout still has to carry out.
    func unansweredCommands() async throws -> [StoredCommand]

    /// One command as it stands, answered or not.
    func command(id: Int64) async throws -> StoredCommand?

    /// Appends one entry to the audit chain (a denial, an engine decision).
    @discardableResult
    func appendAudit(_ draft: AuditDraft) async throws -> AuditRecord

    /// Audit entries with `seq` greater than `after`, oldest first, at most `limit`.
    func audit(after: Int64, limit: Int) async throws -> [AuditRecord]

    @discardableResult
    func appendEvent(_ draft: EventDraft) async throws -> StoredEvent

    /// Events with `id` greater than `after`, oldest first, at most `limit`.
    func events(after: Int64, limit: Int) async throws -> [StoredEvent]

    /// The id of the newest event (0 when there is none): where a new subscriber starts.
    func latestEventID() async throws -> Int64

    /// Calls `logged` each time any process appends to the event log (and once when it starts
    /// following), until cancelled: with replicas, a stream on one hears what another did at
    /// once. A store only one process writes returns at once.
    func followEvents(_ logged: @escaping @Sendable () async -> Void) async throws

    /// Inserts a rollout leased to its admitting replica, unless its service has an active one.
    func insertRollout(_ rollout: NewRollout) async throws -> RolloutInsertion

    /// Renews the leases `owner` holds and takes those that expired, by the database's clock;
    /// returns every active rollout `owner` now holds. A lease taken anew has a new token.
    func claimRollouts(owner: String, ttlMilliseconds: Int64) async throws -> [StoredRollout]

    /// Writes a rollout's record while `lease` still holds (same owner and token, not expired),
    /// with the audit entries and the event of the decisions that changed it, in one
    /// transaction; false, writing nothing, when the lease does not hold.
    func saveRollout(_ save: RolloutSave) async throws -> Bool

    /// Lets another replica take `owner`'s rollouts at once (a graceful shutdown).
    func releaseRollouts(owner: String) async throws

    /// Every rollout, newest first, at most `limit`.
    func rollouts(limit: Int) async throws -> [StoredRollout]

    /// The schema version the store is at, after its migrations (for tests and `doctor`).
    func schemaVersion() async throws -> Int

    func close() async throws
}

/// What `admit` made of a command.
public enum CommandAdmission: Equatable, Sendable {
    /// New: recorded, to be carried out now.
    case admitted(StoredCommand)
    /// The same key and request were answered before: the first answer again.
    case replay(StoredResponse)
    /// The same key and request were admitted and are not answered yet.
    case inProgress(commandID: Int64)
    /// The key was used for a different request.
    case keyReused
}

/// What `complete` wrote.
public struct CompletedCommand: Equatable, Sendable {
    public var audit: AuditRecord
    public var event: StoredEvent
}
