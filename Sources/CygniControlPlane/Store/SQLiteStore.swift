import CygniModel
import Foundation
import Logging
import NIOCore
import SQLiteNIO

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a transaction
/// that returned has reached the disk before the client is answered, and survives `kill -9`.
public actor SQLiteStore: ControlPlaneStore, TakesTurns {
    private let connection: SQLiteConnection
    public nonisolated let path: String
    /// The connection is one; transactions span several awaits and must not interleave.
    let turns = Turns()
    /// Saves waiting for a turn, in arrival order, and the answers of those an earlier turn wrote.
    private var queuedSaves: [(ticket: Int, save: RolloutSave)] = []
    private var writtenSaves: [Int: Result<Bool, any Error>] = [:]
    private var nextSaveTicket = 0
    /// Transactions committed since opening: each is one sync to disk.
    private(set) var transactionsCommitted = 0

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Opens (creating when missing, in a 0700 folder, as a 0600 file) and migrates.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStore {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        chmod(path, 0o600)
        let store = SQLiteStore(connection: connection, path: path)
        do {
            try await store.prepare()
        } catch {
            try? await connection.close()
            throw error
        }
        return store
    }

    private func prepare() async throws {
        _ = try await connection.query("PRAGMA journal_mode=WAL")
        _ = try await connection.query("PRAGMA synchronous=FULL")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
        _ = try await connection.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)")
        let current = try await connection.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first?
            .column("v")?.integer ?? 0
        guard current <= SQLiteMigrations.latestVersion else {
            throw StoreError("the store \(path) has schema version \(current), newer than this cygnid knows (\(SQLiteMigrations.latestVersion)); upgrade cygnid")
        }
        for step in SQLiteMigrations.steps where step.version > current {
            try await transaction {
                for statement in step.statements { _ = try await connection.query(statement) }
                _ = try await connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)",
                    [.integer(step.version), .text(step.name), .integer(Int(Clock.milliseconds()))])
            }
        }
    }

    /// The schema version the store is at (for tests and `doctor`).
    public func schemaVersion() async throws -> Int {
        try await connection.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first?.column("v")?.integer ?? 0
    }

    // MARK: - Commands

    /// Commands go ahead of the rounds' routine writes.
    public func admit(_ command: NewCommand) async throws -> CommandAdmission {
        try await transaction(urgent: true) {
            let existing = try await connection.query(
                "SELECT * FROM commands WHERE subject = ? AND idempotency_key = ?",
                [.text(command.subject), .text(command.idempotencyKey)]
            ).first.map(Self.command(from:))
            if let existing {
                guard existing.command.requestHash == command.requestHash else { return .keyReused }
                return existing.response.map(CommandAdmission.replay) ?? .inProgress(commandID: existing.id)
            }
            _ = try await connection.query(
                """
                INSERT INTO commands (subject, idempotency_key, request_hash, rollout_id, service, action, reason, created_ms, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(command.subject), .text(command.idempotencyKey), .text(command.requestHash), .text(command.rolloutID),
                    .text(command.service), .text(command.action.rawValue), Self.optional(command.reason),
                    .integer(Int(command.timeMilliseconds)), Self.optional(command.body),
                ])
            let id = Int64(try await connection.lastAutoincrementID())
            return .admitted(StoredCommand(id: id, command: command, response: nil))
        }
    }

    public func complete(commandID: Int64, response: StoredResponse, audit: AuditDraft, event: EventDraft) async throws -> CompletedCommand? {
        try await transaction(urgent: true) {
            let open = try await connection.query(
                "SELECT id FROM commands WHERE id = ? AND response_status IS NULL", [.integer(Int(commandID))])
            guard !open.isEmpty else { return nil }
            _ = try await connection.query(
                "UPDATE commands SET response_status = ?, response_body = ?, completed_ms = ? WHERE id = ? AND response_status IS NULL",
                [.integer(response.status), .blob(ByteBuffer(bytes: response.body)), .integer(Int(audit.timeMilliseconds)), .integer(Int(commandID))])
            return CompletedCommand(audit: try await insertAudit(audit), event: try await insertEvent(event))
        }
    }

    public func commands() async throws -> [StoredCommand] {
        try await exclusive {
            try await connection.query("SELECT * FROM commands ORDER BY id").map(Self.command(from:))
        }
    }

    public func unansweredCommands() async throws -> [StoredCommand] {
        try await exclusive {
            try await connection.query("SELECT * FROM commands WHERE response_status IS NULL ORDER BY id").map(Self.command(from:))
        }
    }

    /// One process writes the file: its own writers tell the event hub themselves.
    public nonisolated func followEvents(_ logged: @escaping @Sendable () async -> Void) async throws {}

    public func command(id: Int64) async throws -> StoredCommand? {
        try await exclusive {
            try await connection.query("SELECT * FROM commands WHERE id = ?", [.integer(Int(id))]).first.map(Self.command(from:))
        }
    }

    // MARK: - Audit

    public func appendAudit(_ draft: AuditDraft) async throws -> AuditRecord {
        try await transaction { try await insertAudit(draft) }
    }

    public func audit(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await exclusive {
            try await connection.query(
                "SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?", [.integer(Int(after)), .integer(limit)]
            ).map(Self.audit(from:))
        }
    }

    private func insertAudit(_ draft: AuditDraft) async throws -> AuditRecord {
        let head = try await connection.query("SELECT * FROM audit ORDER BY seq DESC LIMIT 1").first.map(Self.audit(from:))
        let record = AuditChain.link(draft, after: head)
        _ = try await connection.query(
            """
            INSERT INTO audit (seq, time_ms, actor, rollout_id, action, outcome, reason, detail, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(Int(record.seq)), .integer(Int(draft.timeMilliseconds)), .text(draft.actor), Self.optional(draft.rolloutID),
                .text(draft.action), .text(draft.outcome.rawValue), Self.optional(draft.reason), Self.optional(draft.detail),
                .text(record.previousHash), .text(record.hash),
            ])
        return record
    }

    // MARK: - Rollouts

    /// Now by the database's clock, in milliseconds: leases never trust a replica's clock.
    private static let now = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"

    public func insertRollout(_ rollout: NewRollout) async throws -> RolloutInsertion {
        try await transaction {
            if try await connection.query("SELECT id FROM rollouts WHERE id = ?", [.text(rollout.id)]).first != nil { return .exists }
            if let busy = try await connection.query(
                "SELECT id FROM rollouts WHERE service = ? AND active = 1", [.text(rollout.service)]
            ).first {
                return .serviceBusy(rolloutID: try busy.text("id"))
            }
            _ = try await connection.query(
                """
                INSERT INTO rollouts (id, service, active, record, created_ms, updated_ms, owner, lease_token, lease_expires_ms)
                VALUES (?, ?, 1, ?, ?, ?, ?, 1, \(Self.now) + ?)
                """,
                [
                    .text(rollout.id), .text(rollout.service), .text(rollout.record), .integer(Int(rollout.timeMilliseconds)),
                    .integer(Int(rollout.timeMilliseconds)), .text(rollout.owner), .integer(Int(rollout.ttlMilliseconds)),
                ])
            return .inserted(Lease(owner: rollout.owner, token: 1))
        }
    }

    public func claimRollouts(owner: String, ttlMilliseconds: Int64) async throws -> [StoredRollout] {
        try await transaction {
            try await connection.query(
                """
                UPDATE rollouts SET
                    lease_token = CASE WHEN owner = ? AND lease_expires_ms > \(Self.now) THEN lease_token ELSE lease_token + 1 END,
                    owner = ?,
                    lease_expires_ms = \(Self.now) + ?
                WHERE active = 1 AND (owner = ? OR owner IS NULL OR lease_expires_ms <= \(Self.now))
                RETURNING *
                """,
                [.text(owner), .text(owner), .integer(Int(ttlMilliseconds)), .text(owner)]
            ).map(Self.rollout(from:)).sorted { $0.createdMilliseconds < $1.createdMilliseconds }
        }
    }

    /// Saves made while another transaction held the connection are written together, in one
    /// transaction and so one sync to disk: a minute's metrics reach every rollout at once, and
    /// a hundred syncs in a row would hold up the next operator command by as many.
    public func saveRollout(_ save: RolloutSave) async throws -> Bool {
        let ticket = nextSaveTicket
        nextSaveTicket += 1
        queuedSaves.append((ticket, save))
        return try await exclusive(urgent: save.urgent) {
            // An earlier turn may have written this save with its own.
            if let written = writtenSaves.removeValue(forKey: ticket) { return try written.get() }
            let batch = queuedSaves
            queuedSaves = []
            do {
                let written = try await transaction(inTurn: true) {
                    var written: [Bool] = []
                    for (_, queued) in batch { written.append(try await write(queued)) }
                    return written
                }
                for ((queuedTicket, _), result) in zip(batch, written) { writtenSaves[queuedTicket] = .success(result) }
            } catch {
                // On its own, a save cannot fail the others.
                for (queuedTicket, queued) in batch {
                    do {
                        writtenSaves[queuedTicket] = .success(try await transaction(inTurn: true) { try await write(queued) })
                    } catch {
                        writtenSaves[queuedTicket] = .failure(error)
                    }
                }
            }
            return try writtenSaves.removeValue(forKey: ticket)!.get()
        }
    }

    private func write(_ save: RolloutSave) async throws -> Bool {
        let written = try await connection.query(
            """
            UPDATE rollouts SET record = ?, active = ?, updated_ms = ?
            WHERE id = ? AND owner = ? AND lease_token = ? AND lease_expires_ms > \(Self.now)
            RETURNING id
            """,
            [
                .text(save.record), .integer(save.active ? 1 : 0), .integer(Int(save.timeMilliseconds)), .text(save.id),
                .text(save.lease.owner), .integer(Int(save.lease.token)),
            ]
        )
        guard !written.isEmpty else { return false }
        for draft in save.audit { _ = try await insertAudit(draft) }
        if let event = save.event { _ = try await insertEvent(event) }
        return true
    }

    public func releaseRollouts(owner: String) async throws {
        try await transaction {
            _ = try await connection.query("UPDATE rollouts SET lease_expires_ms = 0 WHERE owner = ?", [.text(owner)])
        }
    }

    public func rollouts(limit: Int) async throws -> [StoredRollout] {
        try await exclusive {
            try await connection.query("SELECT * FROM rollouts ORDER BY created_ms DESC, id DESC LIMIT ?", [.integer(limit)])
                .map(Self.rollout(from:))
        }
    }

    // MARK: - Events

    public func appendEvent(_ draft: EventDraft) async throws -> StoredEvent {
        try await transaction { try await insertEvent(draft) }
    }

    public func events(after: Int64, limit: Int) async throws -> [StoredEvent] {
        try await exclusive {
            try await connection.query(
                "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", [.integer(Int(after)), .integer(limit)]
            ).map(Self.event(from:))
        }
    }

    public func latestEventID() async throws -> Int64 {
        try await exclusive {
            Int64(try await connection.query("SELECT COALESCE(MAX(id), 0) AS id FROM events").first?.column("id")?.integer ?? 0)
        }
    }

    private func insertEvent(_ draft: EventDraft) async throws -> StoredEvent {
        _ = try await connection.query(
            "INSERT INTO events (time_ms, type, data) VALUES (?, ?, ?)",
            [.integer(Int(draft.timeMilliseconds)), .text(draft.type), .text(draft.data)])
        return StoredEvent(id: Int64(try await connection.lastAutoincrementID()), draft: draft)
    }

    public func close() async throws {
        try await exclusive { try await connection.close() }
    }

    // MARK: - Transactions

    /// One transaction in its own turn, or, `inTurn`, in the turn the caller already holds.
    private func transaction<T: Sendable>(urgent: Bool = false, inTurn: Bool = false, _ body: () async throws -> T) async throws -> T {
        guard inTurn else { return try await exclusive(urgent: urgent) { try await transaction(inTurn: true, body) } }
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            let result = try await body()
            _ = try await connection.query("COMMIT")
            transactionsCommitted += 1
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    // MARK: - Rows

    private static func optional(_ text: String?) -> SQLiteData {
        text.map(SQLiteData.text) ?? .null
    }

    private static func command(from row: SQLiteRow) throws -> StoredCommand {
        let action = try row.text("action")
        guard let kind = RequestedAction(rawValue: action) else { throw StoreError("commands row holds an unknown action \(action)") }
        let response: StoredResponse? = row.column("response_status")?.integer.map { status in
            StoredResponse(status: status, body: row.column("response_body")?.blob.map { Array($0.readableBytesView) } ?? [])
        }
        return StoredCommand(
            id: Int64(try row.integer("id")),
            command: NewCommand(
                subject: try row.text("subject"), idempotencyKey: try row.text("idempotency_key"),
                requestHash: try row.text("request_hash"), rolloutID: try row.text("rollout_id"), service: try row.text("service"),
                action: kind, reason: row.column("reason")?.string, timeMilliseconds: Int64(try row.integer("created_ms")),
                body: row.column("body")?.string),
            response: response)
    }

    private static func audit(from row: SQLiteRow) throws -> AuditRecord {
        let outcome = try row.text("outcome")
        guard let parsed = AuditDraft.Outcome(rawValue: outcome) else { throw StoreError("audit row holds an unknown outcome \(outcome)") }
        let draft = AuditDraft(
            timeMilliseconds: Int64(try row.integer("time_ms")), actor: try row.text("actor"), rolloutID: row.column("rollout_id")?.string,
            action: try row.text("action"), outcome: parsed, reason: row.column("reason")?.string, detail: row.column("detail")?.string)
        return AuditRecord(seq: Int64(try row.integer("seq")), draft: draft, previousHash: try row.text("previous_hash"), hash: try row.text("hash"))
    }

    private static func rollout(from row: SQLiteRow) throws -> StoredRollout {
        let owner = row.column("owner")?.string
        return StoredRollout(
            id: try row.text("id"), service: try row.text("service"), active: try row.integer("active") != 0, record: try row.text("record"),
            createdMilliseconds: Int64(try row.integer("created_ms")), updatedMilliseconds: Int64(try row.integer("updated_ms")),
            lease: owner.map { Lease(owner: $0, token: Int64(row.column("lease_token")?.integer ?? 0)) })
    }

    private static func event(from row: SQLiteRow) throws -> StoredEvent {
        StoredEvent(
            id: Int64(try row.integer("id")),
            draft: EventDraft(type: try row.text("type"), data: try row.text("data"), timeMilliseconds: Int64(try row.integer("time_ms"))))
    }
}

extension SQLiteRow {
    fileprivate func text(_ name: String) throws -> String {
        guard let value = column(name)?.string else { throw StoreError("store row has no \(name)") }
        return value
    }

    fileprivate func integer(_ name: String) throws -> Int {
        guard let value = column(name)?.integer else { throw StoreError("store row has no \(name)") }
        return value
    }
}
