import CygniControlPlane
import Foundation
import Logging
import SQLiteNIO
import Testing

/// The SQLite store on its own: idempotency admission, migrations on reopen, and the audit
/// chain catching a row changed behind its back.
@Suite struct StoreTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-store-\(UUID().uuidString).sqlite").path
    }

    private func command(key: String, hash: String) -> NewCommand {
        NewCommand(
            subject: "alice", idempotencyKey: key, requestHash: hash, rolloutID: "rl-1", service: "checkout", action: .rollback,
            reason: nil, timeMilliseconds: 1_000)
    }

    @Test func admissionSaysNewRunningAnsweredOrReused() async throws {
        let path = temporaryPath()
        let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        guard case .admitted(let stored) = try await store.admit(command(key: "k", hash: "h1")) else {
            Issue.record("a new key is admitted")
            return
        }
        #expect(try await store.admit(command(key: "k", hash: "h1")) == .inProgress)
        #expect(try await store.admit(command(key: "k", hash: "h2")) == .keyReused)
        let response = StoredResponse(status: 200, body: Array("{}".utf8))
        let audit = AuditDraft(timeMilliseconds: 2_000, actor: "alice", rolloutID: "rl-1", action: "rollback", outcome: .accepted, reason: nil, detail: "ok")
        _ = try await store.complete(commandID: stored.id, response: response, audit: audit, event: EventDraft(type: "command", data: "{}", timeMilliseconds: 2_000))
        #expect(try await store.admit(command(key: "k", hash: "h1")) == .replay(response))
        try await store.close()

        // Reopening applies no migration twice and keeps what was committed.
        let reopened = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        #expect(try await reopened.schemaVersion() == 1)
        #expect(try await reopened.commands().map(\.response) == [response])
        try await reopened.close()
    }

    @Test func verifyNamesTheFirstEntryChangedBehindTheStoresBack() async throws {
        let path = temporaryPath()
        let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        for index in 1...4 {
            try await store.appendAudit(AuditDraft(
                timeMilliseconds: Int64(index), actor: "engine", rolloutID: "rl-1", action: "advance", outcome: .accepted,
                reason: "step \(index)", detail: nil))
        }
        #expect(AuditChain.verify(try await store.audit(after: 0, limit: 10)) == .intact(entries: 4))
        try await store.close()

        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("UPDATE audit SET reason = 'step 9' WHERE seq = 3")
        try await connection.close()
        let tampered = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        let verdict = AuditChain.verify(try await tampered.audit(after: 0, limit: 10))
        guard case .broken(let seq, let reason) = verdict else {
            Issue.record("a changed row went unnoticed")
            return
        }
        #expect(seq == 3)
        #expect(reason.contains("changed"))
        try await tampered.close()

        // A deleted entry is named too.
        let deleter = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await deleter.query("UPDATE audit SET reason = 'step 3' WHERE seq = 3")
        _ = try await deleter.query("DELETE FROM audit WHERE seq = 2")
        try await deleter.close()
        let gapped = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        #expect(AuditChain.verify(try await gapped.audit(after: 0, limit: 10)) == .broken(seq: 2, reason: "entry 2 is missing (the next one is 3)"))
        try await gapped.close()
    }
}
