/// A rollout the engine runs, as the store keeps it: the provider's record (plan, engine state,
/// pending writes) as JSON, and the lease that says which replica may act on it.
public struct StoredRollout: Equatable, Sendable {
    public var id: String
    /// `CLUSTER/SERVICE`: at most one active rollout each.
    public var service: String
    public var active: Bool
    public var record: String
    public var createdMilliseconds: Int64
    public var updatedMilliseconds: Int64
    /// Who holds it now; nil when no replica has claimed it since it was released.
    public var lease: Lease?
}

/// A replica's right to act on a rollout until the database's clock passes its expiry. The
/// token grows each time the rollout changes hands, and every write names it: a replica that
/// lost the lease (paused, partitioned) cannot overwrite the new owner's progress.
public struct Lease: Equatable, Sendable {
    public var owner: String
    public var token: Int64

    public init(owner: String, token: Int64) {
        self.owner = owner
        self.token = token
    }
}

/// A rollout to insert, already leased to the replica that admitted it.
public struct NewRollout: Equatable, Sendable {
    public var id: String
    public var service: String
    public var record: String
    public var owner: String
    public var ttlMilliseconds: Int64
    public var timeMilliseconds: Int64

    public init(id: String, service: String, record: String, owner: String, ttlMilliseconds: Int64, timeMilliseconds: Int64) {
        self.id = id
        self.service = service
        self.record = record
        self.owner = owner
        self.ttlMilliseconds = ttlMilliseconds
        self.timeMilliseconds = timeMilliseconds
    }
}

/// What inserting a rollout did.
public enum RolloutInsertion: Equatable, Sendable {
    case inserted(Lease)
    /// A rollout with this id exists already (a deploy carried out again after a crash).
    case exists
    /// Another rollout of the service is active.
    case serviceBusy(rolloutID: String)
}

/// One fenced write of a rollout: its record, and what the change means for the audit chain
/// and the event log.
public struct RolloutSave: Equatable, Sendable {
    public var id: String
    public var record: String
    public var active: Bool
    public var lease: Lease
    public var timeMilliseconds: Int64
    public var audit: [AuditDraft]
    public var event: EventDraft?
    /// Part of carrying out an operator's command: written ahead of the rounds' routine saves.
    public var urgent: Bool

    public init(
        id: String, record: String, active: Bool, lease: Lease, timeMilliseconds: Int64, audit: [AuditDraft] = [], event: EventDraft? = nil,
        urgent: Bool = false
    ) {
        self.id = id
        self.record = record
        self.active = active
        self.lease = lease
        self.timeMilliseconds = timeMilliseconds
        self.audit = audit
        self.event = event
        self.urgent = urgent
    }
}
