import CygniControlPlane
import Foundation
import Logging
import Testing

/// Each store on its own, SQLite and PostgreSQL alike: idempotency admission, migrations on
/// reopen and a store newer than the binary refused, concurrent writers never forking the audit
/// chain, and the chain catching a row changed behind the store's back.
@Suite struct StoreTests {
    private func command(key: String, hash: String) -> NewCommand {
        NewCommand(
            subject: "alice", idempotencyKey: key, requestHash: hash, rolloutID: "rl-1", service: "checkout", action: .command(.rollback),
            reason: nil, timeMilliseconds: 1_000)
    }

    @Test(arguments: StoreKind.allCases)
    func admissionSaysNewRunningAnsweredOrReused(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.fresh(kind)
        let store = try await fixture.open()
        guard case .admitted(let stored) = try await store.admit(command(key: "k", hash: "h1")) else {
            Issue.record("a new key is admitted")
            try await store.close()
            return
        }
        #expect(try await store.admit(command(key: "k", hash: "h1")) == .inProgress(commandID: stored.id))
        #expect(try await store.admit(command(key: "k", hash: "h2")) == .keyReused)
        let response = StoredResponse(status: 200, body: Array("{}".utf8))
        let audit = AuditDraft(timeMilliseconds: 2_000, actor: "alice", rolloutID: "rl-1", action: "rollback", outcome: .accepted, reason: nil, detail: "ok")
        #expect(try await store.unansweredCommands().map(\.id) == [stored.id])
        #expect(try await store.command(id: stored.id)?.response == nil)
        let completed = try #require(
            try await store.complete(
                commandID: stored.id, response: response, audit: audit, event: EventDraft(type: "command", data: "{}", timeMilliseconds: 2_000)))
        #expect(completed.audit.seq == 1)
        #expect(try await store.latestEventID() == completed.event.id)
        #expect(try await store.admit(command(key: "k", hash: "h1")) == .replay(response))
        #expect(try await store.unansweredCommands().isEmpty)
        #expect(try await store.command(id: stored.id)?.response == response)
        #expect(try await store.command(id: stored.id + 1) == nil)

        // A second answer (another replica's) writes nothing: the first stands, once in the audit.
        let late = StoredResponse(status: 409, body: Array("{}".utf8))
        let again = try await store.complete(
            commandID: stored.id, response: late, audit: audit, event: EventDraft(type: "command", data: "{}", timeMilliseconds: 3_000))
        #expect(again == nil)
        #expect(try await store.audit(after: 0, limit: 10).count == 1)
        #expect(try await store.latestEventID() == completed.event.id)
        try await store.close()

        // Reopening applies no migration twice and keeps what was committed.
        let reopened = try await fixture.open()
        #expect(try await reopened.schemaVersion() == 3)
        #expect(try await reopened.commands().map(\.response) == [response])
        try await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aStoreNewerThanTheBinaryIsRefused(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.fresh(kind)
        try await fixture.open().close()
        try await fixture.execute("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (99, 'from the future', 0)")
        do {
            let store = try await fixture.open()
            try await store.close()
            Issue.record("a store at schema version 99 was opened")
        } catch let error as StoreError {
            #expect(error.description.contains("schema version 99, newer than this cygnid knows (3)"), "\(error)")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentAdmissionsAndAuditWritesStayOneChain(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.fresh(kind)
        let store = try await fixture.open()
        // Many writers at once (several pooled connections on PostgreSQL): one key admitted once,
        // and every audit entry linked to the one before it.
        let admissions = try await withThrowingTaskGroup(of: CommandAdmission.self) { group in
            for _ in 0..<8 { group.addTask { try await store.admit(self.command(key: "same", hash: "h")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(admissions.filter { if case .admitted = $0 { true } else { false } }.count == 1)
        #expect(admissions.filter { if case .inProgress = $0 { true } else { false } }.count == 7)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...20 {
                group.addTask {
                    try await store.appendAudit(AuditDraft(
                        timeMilliseconds: Int64(index), actor: "engine", rolloutID: "rl-1", action: "advance", outcome: .accepted,
                        reason: "writer \(index)", detail: nil))
                    _ = try await store.appendEvent(EventDraft(type: "rollout", data: "{}", timeMilliseconds: Int64(index)))
                }
            }
            try await group.waitForAll()
        }
        #expect(AuditChain.verify(try await store.audit(after: 0, limit: 100)) == .intact(entries: 20))
        #expect(try await store.events(after: 0, limit: 100).map(\.id) == Array(1...20))
        try await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func verifyNamesTheFirstEntryChangedBehindTheStoresBack(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.fresh(kind)
        let store = try await fixture.open()
        for index in 1...4 {
            try await store.appendAudit(AuditDraft(
                timeMilliseconds: Int64(index), actor: "engine", rolloutID: "rl-1", action: "advance", outcome: .accepted,
                reason: "step \(index)", detail: nil))
        }
        #expect(AuditChain.verify(try await store.audit(after: 0, limit: 10)) == .intact(entries: 4))
        try await store.close()

        try await fixture.execute("UPDATE audit SET reason = 'step 9' WHERE seq = 3")
        let tampered = try await fixture.open()
        let verdict = AuditChain.verify(try await tampered.audit(after: 0, limit: 10))
        try await tampered.close()
        guard case .broken(let seq, let reason) = verdict else {
            Issue.record("a changed row went unnoticed")
            return
        }
        #expect(seq == 3)
        #expect(reason.contains("changed"))

        // A deleted entry is named too.
        try await fixture.execute("UPDATE audit SET reason = 'step 3' WHERE seq = 3")
        try await fixture.execute("DELETE FROM audit WHERE seq = 2")
        let gapped = try await fixture.open()
        #expect(AuditChain.verify(try await gapped.audit(after: 0, limit: 10)) == .broken(seq: 2, reason: "entry 2 is missing (the next one is 3)"))
        try await gapped.close()
    }
}
