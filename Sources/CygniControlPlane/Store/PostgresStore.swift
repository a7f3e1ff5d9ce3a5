import CygniModel
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The store on a PostgreSQL server, for when the state must outlive one machine. It keeps
/// SQLite's semantics exactly; where SQLite gets them from its single connection, this store gets
/// them from the database: a unique constraint for idempotency keys, and table locks that
/// serialize the audit chain's head and the event log's numbering across connections (and, later,
/// across replicas).
public final class PostgresStore: ControlPlaneStore {
    private let client: PostgresClient
    /// The pool's own loop (`PostgresClient.run`). The store runs it itself rather than through the
    /// server's service group, because the store is opened, migrated and read (commands left
    /// unanswered by a crash) before that group starts, and must outlive the group's shutdown
    /// until `close`.
    private let pool: Task<Void, Never>
    private let logger: Logger
    public let location: PostgresLocation

    private init(client: PostgresClient, pool: Task<Void, Never>, logger: Logger, location: PostgresLocation) {
        self.client = client
        self.pool = pool
        self.logger = logger
        self.location = location
    }

    /// Connects and migrates; gives up after `timeout` when the server does not answer, rather
    /// than waiting on the pool's reconnects forever.
    public static func open(_ location: PostgresLocation, logger: Logger, timeout: Duration = .seconds(30)) async throws -> PostgresStore {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try Self.tls(location.tls))
        // A handful of connections is plenty for one replica: each request holds one for a short
        // transaction, and the audit and event tables are written one transaction at a time anyway.
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let pool = Task { await client.run() }
        let store = PostgresStore(client: client, pool: pool, logger: logger, location: location)
        do {
            try await withDeadline(timeout, what: "PostgreSQL at \(location) did not answer") { try await store.prepare() }
        } catch {
            pool.cancel()
            await pool.value
            // The driver's errors describe themselves generically (to keep server details out of
            // logs by default); an operator starting cygnid needs the server's actual reason.
            if error is PSQLError || error is PostgresTransactionError { throw StoreError("PostgreSQL at \(location): \(String(reflecting: error))") }
            throw error
        }
        return store
    }

    private static func tls(_ mode: PostgresLocation.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    // MARK: - Migrations

    private func prepare() async throws {
        let latest = PostgresMigrations.latestVersion
        while true {
            // One step per transaction, each under a transaction-scoped advisory lock, so that
            // several cygnid starting at once against one database apply each step exactly once:
            // the second waits, then reads the version the first committed.
            let applied = try await transaction { connection -> Bool in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: self.logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)",
                    logger: self.logger)
                let current = try await Self.version(on: connection, logger: self.logger)
                guard current <= latest else {
                    throw StoreError("the store \(self.location) has schema version \(current), newer than this cygnid knows (\(latest)); upgrade cygnid")
                }
                guard let step = PostgresMigrations.steps.first(where: { $0.version > current }) else { return false }
                for statement in step.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (\(Int64(step.version)), \(step.name), \(Clock.milliseconds()))",
                    logger: self.logger)
                return true
            }
            if !applied { return }
        }
    }

    /// Now by the database's clock, in milliseconds: leases never trust a replica's clock.
    private static let now = "(extract(epoch from clock_timestamp()) * 1000)::BIGINT"

    /// Any constant will do, as long as nothing else in the database takes the same one.
    private static let migrationLock: Int64 = 0x6379_676e_6964  // "cygnid"

    private static func version(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT COALESCE(MAX(version), 0)::BIGINT AS v FROM schema_migrations", logger: logger).collect()
        return Int(try rows.first?.makeRandomAccess()["v"].decode(Int64.self) ?? 0)
    }

    public func schemaVersion() async throws -> Int {
        try await client.withConnection { try await Self.version(on: $0, logger: self.logger) }
    }

    // MARK: - Commands

    public func admit(_ command: NewCommand) async throws -> CommandAdmission {
        try await transaction { connection in
            // The unique constraint decides between concurrent requests with one key: a second
            // insert waits for the first transaction, then does nothing once it has committed,
            // and the SELECT below (a new snapshot, in READ COMMITTED) sees the winner's row.
            let inserted = try await connection.query(
                """
                INSERT INTO commands (subject, idempotency_key, request_hash, rollout_id, service, action, reason, created_ms, body)
                VALUES (\(command.subject), \(command.idempotencyKey), \(command.requestHash), \(command.rolloutID),
                        \(command.service), \(command.action.rawValue), \(command.reason), \(command.timeMilliseconds), \(command.body))
                ON CONFLICT ON CONSTRAINT commands_idempotency DO NOTHING
                RETURNING id
                """, logger: self.logger
            ).collect()
            if let row = inserted.first {
                return .admitted(StoredCommand(id: try row.makeRandomAccess()["id"].decode(Int64.self), command: command, response: nil))
            }
            let existing = try await connection.query(
                "SELECT * FROM commands WHERE subject = \(command.subject) AND idempotency_key = \(command.idempotencyKey)",
                logger: self.logger
            ).collect()
            guard let row = existing.first else { throw StoreError("idempotency key \(command.idempotencyKey) conflicted but its command is gone") }
            let stored = try Self.command(from: row)
            guard stored.command.requestHash == command.requestHash else { return .keyReused }
            return stored.response.map(CommandAdmission.replay) ?? .inProgress(commandID: stored.id)
        }
    }

    public func complete(commandID: Int64, response: StoredResponse, audit: AuditDraft, event: EventDraft) async throws -> CompletedCommand? {
        try await transaction { connection in
            // The row locked: of two replicas answering at once, the second finds it answered.
            let open = try await connection.query(
                "SELECT id FROM commands WHERE id = \(commandID) AND response_status IS NULL FOR UPDATE", logger: self.logger
            ).collect()
            guard !open.isEmpty else { return nil }
            try await connection.query(
                """
                UPDATE commands SET response_status = \(Int64(response.status)), response_body = \(ByteBuffer(bytes: response.body)),
                    completed_ms = \(audit.timeMilliseconds)
                WHERE id = \(commandID) AND response_status IS NULL
                """, logger: self.logger)
            // Audit before events, in every transaction that takes both locks: one order, no deadlock.
            let record = try await self.insertAudit(audit, on: connection)
            return CompletedCommand(audit: record, event: try await self.insertEvent(event, on: connection))
        }
    }

    public func commands() async throws -> [StoredCommand] {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM commands ORDER BY id", logger: self.logger).collect().map(Self.command(from:))
        }
    }

    public func unansweredCommands() async throws -> [StoredCommand] {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM commands WHERE response_status IS NULL ORDER BY id", logger: self.logger)
                .collect().map(Self.command(from:))
        }
    }

    public func command(id: Int64) async throws -> StoredCommand? {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM commands WHERE id = \(id)", logger: self.logger).collect().first.map(Self.command(from:))
        }
    }

    // MARK: - Audit

    public func appendAudit(_ draft: AuditDraft) async throws -> AuditRecord {
        try await transaction { try await self.insertAudit(draft, on: $0) }
    }

    public func audit(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM audit WHERE seq > \(after) ORDER BY seq LIMIT \(Int64(limit))", logger: self.logger)
                .collect().map(Self.audit(from:))
        }
    }

    /// Reads the chain's head and links the new entry after it. EXCLUSIVE mode lets readers in
    /// but no other writer until this transaction ends, so two connections (or replicas) never
    /// link two entries to the same head: the chain cannot fork.
    private func insertAudit(_ draft: AuditDraft, on connection: PostgresConnection) async throws -> AuditRecord {
        try await connection.query("LOCK TABLE audit IN EXCLUSIVE MODE", logger: logger)
        let head = try await connection.query("SELECT * FROM audit ORDER BY seq DESC LIMIT 1", logger: logger).collect().first.map(Self.audit(from:))
        let record = AuditChain.link(draft, after: head)
        try await connection.query(
            """
            INSERT INTO audit (seq, time_ms, actor, rollout_id, action, outcome, reason, detail, previous_hash, hash)
            VALUES (\(record.seq), \(draft.timeMilliseconds), \(draft.actor), \(draft.rolloutID), \(draft.action),
                    \(draft.outcome.rawValue), \(draft.reason), \(draft.detail), \(record.previousHash), \(record.hash))
            """, logger: logger)
        return record
    }

    // MARK: - Rollouts

    public func insertRollout(_ rollout: NewRollout) async throws -> RolloutInsertion {
        try await transaction { connection in
            // Either unique index (the id, one active rollout per service) turns a racing second
            // insert into nothing; the reads below say which it was.
            let inserted = try await connection.query(
                """
                INSERT INTO rollouts (id, service, active, record, created_ms, updated_ms, owner, lease_token, lease_expires_ms)
                VALUES (\(rollout.id), \(rollout.service), TRUE, \(rollout.record), \(rollout.timeMilliseconds), \(rollout.timeMilliseconds),
                        \(rollout.owner), 1, \(unescaped: Self.now) + \(rollout.ttlMilliseconds))
                ON CONFLICT DO NOTHING
                RETURNING id
                """, logger: self.logger
            ).collect()
            if !inserted.isEmpty { return .inserted(Lease(owner: rollout.owner, token: 1)) }
            if try await !connection.query("SELECT id FROM rollouts WHERE id = \(rollout.id)", logger: self.logger).collect().isEmpty {
                return .exists
            }
            let busy = try await connection.query(
                "SELECT id FROM rollouts WHERE service = \(rollout.service) AND active", logger: self.logger
            ).collect()
            guard let row = busy.first else { throw StoreError("inserting rollout \(rollout.id) conflicted, but with nothing that is still there") }
            return .serviceBusy(rolloutID: try row.makeRandomAccess()["id"].decode(String.self))
        }
    }

    public func claimRollouts(owner: String, ttlMilliseconds: Int64) async throws -> [StoredRollout] {
        // One statement: each row is locked as it is updated and its condition checked again
        // after any concurrent claim commits, so two replicas never both take one expired lease.
        try await client.withConnection { connection in
            try await connection.query(
                """
                UPDATE rollouts SET
                    lease_token = CASE WHEN owner = \(owner) AND lease_expires_ms > \(unescaped: Self.now) THEN lease_token ELSE lease_token + 1 END,
                    owner = \(owner),
                    lease_expires_ms = \(unescaped: Self.now) + \(ttlMilliseconds)
                WHERE active AND (owner = \(owner) OR owner IS NULL OR lease_expires_ms <= \(unescaped: Self.now))
                RETURNING *
                """, logger: self.logger
            ).collect().map(Self.rollout(from:)).sorted { $0.createdMilliseconds < $1.createdMilliseconds }
        }
    }

    public func saveRollout(_ save: RolloutSave) async throws -> Bool {
        try await transaction { connection in
            let written = try await connection.query(
                """
                UPDATE rollouts SET record = \(save.record), active = \(save.active), updated_ms = \(save.timeMilliseconds)
                WHERE id = \(save.id) AND owner = \(save.lease.owner) AND lease_token = \(save.lease.token)
                    AND lease_expires_ms > \(unescaped: Self.now)
                RETURNING id
                """, logger: self.logger
            ).collect()
            guard !written.isEmpty else { return false }
            // Audit before events, as everywhere: one lock order, no deadlock.
            for draft in save.audit { _ = try await self.insertAudit(draft, on: connection) }
            if let event = save.event { _ = try await self.insertEvent(event, on: connection) }
            return true
        }
    }

    public func releaseRollouts(owner: String) async throws {
        _ = try await client.withConnection { connection in
            try await connection.query("UPDATE rollouts SET lease_expires_ms = 0 WHERE owner = \(owner)", logger: self.logger)
        }
    }

    public func rollouts(limit: Int) async throws -> [StoredRollout] {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM rollouts ORDER BY created_ms DESC, id DESC LIMIT \(Int64(limit))", logger: self.logger)
                .collect().map(Self.rollout(from:))
        }
    }

    // MARK: - Events

    public func appendEvent(_ draft: EventDraft) async throws -> StoredEvent {
        try await transaction { try await self.insertEvent(draft, on: $0) }
    }

    public func events(after: Int64, limit: Int) async throws -> [StoredEvent] {
        try await client.withConnection { connection in
            try await connection.query("SELECT * FROM events WHERE id > \(after) ORDER BY id LIMIT \(Int64(limit))", logger: self.logger)
                .collect().map(Self.event(from:))
        }
    }

    public func latestEventID() async throws -> Int64 {
        try await client.withConnection { connection in
            let rows = try await connection.query("SELECT COALESCE(MAX(id), 0)::BIGINT AS id FROM events", logger: self.logger).collect()
            return try rows.first?.makeRandomAccess()["id"].decode(Int64.self) ?? 0
        }
    }

    /// Ids come from an identity sequence, which hands them out at insert but lets transactions
    /// commit in any order: a subscriber that read up to 7 would never see a 6 committed after
    /// it. The lock makes ids become visible in order, as SQLite's single connection does, so
    /// `events(after:)` never skips one.
    private func insertEvent(_ draft: EventDraft, on connection: PostgresConnection) async throws -> StoredEvent {
        try await connection.query("LOCK TABLE events IN EXCLUSIVE MODE", logger: logger)
        let rows = try await connection.query(
            "INSERT INTO events (time_ms, type, data) VALUES (\(draft.timeMilliseconds), \(draft.type), \(draft.data)) RETURNING id",
            logger: logger
        ).collect()
        guard let row = rows.first else { throw StoreError("inserting an event returned no id") }
        // Delivered to every replica's `followEvents` when the transaction commits.
        try await connection.query("NOTIFY cygni_events", logger: logger)
        return StoredEvent(id: try row.makeRandomAccess()["id"].decode(Int64.self), draft: draft)
    }

    /// Until cancelled, which ends it without an error (a graceful shutdown).
    public func followEvents(_ logged: @escaping @Sendable () async -> Void) async throws {
        var delay = Duration.milliseconds(250)
        while !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: "cygni_events") { notifications in
                        // Whatever was logged while nobody listened.
                        await logged()
                        for try await _ in notifications { await logged() }
                    }
                }
            } catch where !Task.isCancelled {
                logger.warning("following the event log failed; streams wait for keep-alives meanwhile", metadata: ["error": "\(error)"])
            } catch {
                return
            }
            // A connection that held a while was fine: start the backoff again.
            delay = ContinuousClock.now - started > .seconds(10) ? .milliseconds(250) : min(delay * 2, .seconds(10))
            try? await Task.sleep(for: delay)
        }
    }

    public func close() async throws {
        // Ends the pool's loop, which closes its connections.
        pool.cancel()
        await pool.value
    }

    // MARK: - Transactions

    /// One transaction on one pooled connection; the store's own errors come out as themselves
    /// rather than wrapped in the driver's transaction error, so messages stay readable.
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? StoreError { throw inner }
            throw error
        }
    }

    // MARK: - Rows

    private static func command(from row: PostgresRow) throws -> StoredCommand {
        let columns = row.makeRandomAccess()
        let action = try columns["action"].decode(String.self)
        guard let kind = RequestedAction(rawValue: action) else { throw StoreError("commands row holds an unknown action \(action)") }
        let response = try columns["response_status"].decode(Int64?.self).map { status in
            StoredResponse(status: Int(status), body: try columns["response_body"].decode(ByteBuffer?.self).map { Array($0.readableBytesView) } ?? [])
        }
        return StoredCommand(
            id: try columns["id"].decode(Int64.self),
            command: NewCommand(
                subject: try columns["subject"].decode(String.self), idempotencyKey: try columns["idempotency_key"].decode(String.self),
                requestHash: try columns["request_hash"].decode(String.self), rolloutID: try columns["rollout_id"].decode(String.self),
                service: try columns["service"].decode(String.self), action: kind, reason: try columns["reason"].decode(String?.self),
                timeMilliseconds: try columns["created_ms"].decode(Int64.self), body: try columns["body"].decode(String?.self)),
            response: response)
    }

    private static func audit(from row: PostgresRow) throws -> AuditRecord {
        let columns = row.makeRandomAccess()
        let outcome = try columns["outcome"].decode(String.self)
        guard let parsed = AuditDraft.Outcome(rawValue: outcome) else { throw StoreError("audit row holds an unknown outcome \(outcome)") }
        let draft = AuditDraft(
            timeMilliseconds: try columns["time_ms"].decode(Int64.self), actor: try columns["actor"].decode(String.self),
            rolloutID: try columns["rollout_id"].decode(String?.self), action: try columns["action"].decode(String.self), outcome: parsed,
            reason: try columns["reason"].decode(String?.self), detail: try columns["detail"].decode(String?.self))
        return AuditRecord(
            seq: try columns["seq"].decode(Int64.self), draft: draft, previousHash: try columns["previous_hash"].decode(String.self),
            hash: try columns["hash"].decode(String.self))
    }

    private static func rollout(from row: PostgresRow) throws -> StoredRollout {
        let columns = row.makeRandomAccess()
        let owner = try columns["owner"].decode(String?.self)
        let token = try columns["lease_token"].decode(Int64.self)
        return StoredRollout(
            id: try columns["id"].decode(String.self), service: try columns["service"].decode(String.self),
            active: try columns["active"].decode(Bool.self), record: try columns["record"].decode(String.self),
            createdMilliseconds: try columns["created_ms"].decode(Int64.self), updatedMilliseconds: try columns["updated_ms"].decode(Int64.self),
            lease: owner.map { Lease(owner: $0, token: token) })
    }

    private static func event(from row: PostgresRow) throws -> StoredEvent {
        let columns = row.makeRandomAccess()
        return StoredEvent(
            id: try columns["id"].decode(Int64.self),
            draft: EventDraft(
                type: try columns["type"].decode(String.self), data: try columns["data"].decode(String.self),
                timeMilliseconds: try columns["time_ms"].decode(Int64.self)))
    }
}
