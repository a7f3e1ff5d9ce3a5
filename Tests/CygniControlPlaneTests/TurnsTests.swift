@testable import CygniControlPlane
import Foundation
import Logging
import Testing

/// Taking turns: arrival order, except that an urgent turn goes ahead of every ordinary one
/// waiting; and SQLite's saves made while the connection is busy, written in one transaction.
@Suite struct TurnsTests {
    private actor Order {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    /// Starts a task that waits its turn, and returns once it is waiting.
    private func queue(_ name: String, urgent: Bool = false, on turns: Turns, order: Order) async throws -> Task<Void, Never> {
        let before = await turns.waiters
        let task = Task {
            await turns.begin(urgent: urgent)
            await order.add(name)
            await turns.end()
        }
        try await waitUntil { await turns.waiters > before }
        return task
    }

    @Test func anUrgentTurnGoesAheadOfTheOrdinaryOnesWaiting() async throws {
        let turns = Turns()
        let order = Order()
        await turns.begin()
        let waiting = [
            try await queue("first", on: turns, order: order),
            try await queue("second", on: turns, order: order),
            try await queue("rollback", urgent: true, on: turns, order: order),
            try await queue("third", on: turns, order: order),
            try await queue("abort", urgent: true, on: turns, order: order),
        ]
        await turns.end()
        for task in waiting { await task.value }
        #expect(await order.names == ["rollback", "abort", "first", "second", "third"])
        #expect(await turns.waiters == 0)
    }

    private func openStore() async throws -> (SQLiteStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-turns-\(UUID().uuidString)")
        return (try await SQLiteStore.open(path: folder.appendingPathComponent("cygnid.sqlite").path, logger: Logger(label: "test")), folder)
    }

    @Test func aCommandIsAdmittedAheadOfTheSavesWaitingForTheConnection() async throws {
        let (store, folder) = try await openStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in 0..<3 {
            _ = try await store.insertRollout(NewRollout(
                id: "r\(index)", service: "prod/s\(index)", record: "{}", owner: "a", ttlMilliseconds: 600_000, timeMilliseconds: 1_000))
        }
        let order = Order()
        // The connection busy (as with a transaction under way), three saves queue, then a rollback.
        await store.turns.begin()
        var waiting: [Task<Void, any Error>] = []
        for index in 0..<3 {
            waiting.append(Task {
                _ = try await store.saveRollout(RolloutSave(id: "r\(index)", record: "saved", active: true, lease: Lease(owner: "a", token: 1), timeMilliseconds: 2_000))
                await order.add("save")
            })
            try await waitUntil { await store.turns.waiters == index + 1 }
        }
        waiting.append(Task {
            _ = try await store.admit(NewCommand(
                subject: "alice", idempotencyKey: "k", requestHash: "h", rolloutID: "r0", service: "prod/s0", action: .command(.rollback),
                reason: nil, timeMilliseconds: 2_000))
            await order.add("rollback")
        })
        try await waitUntil { await store.turns.waiters == 4 }
        await store.turns.end()
        for task in waiting { try await task.value }
        let names = await order.names
        #expect(names == ["rollback", "save", "save", "save"])
        try await store.close()
    }

    private func waitUntil(_ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while await !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func savesMadeWhileTheConnectionIsBusyShareOneTransactionAndKeepTheirOwnAnswers() async throws {
        let (store, folder) = try await openStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 40
        for index in 0..<count {
            _ = try await store.insertRollout(NewRollout(
                id: "r\(index)", service: "prod/s\(index)", record: "{}", owner: "a", ttlMilliseconds: 600_000, timeMilliseconds: 1_000))
        }
        let before = await store.transactionsCommitted
        // Every other save names a lease the replica does not hold: refused, and only that one.
        let answers = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<count {
                group.addTask {
                    let audit = AuditDraft(
                        timeMilliseconds: 2_000, actor: "engine", rolloutID: "r\(index)", action: "advance", outcome: .accepted, reason: nil, detail: nil)
                    let saved = try await store.saveRollout(RolloutSave(
                        id: "r\(index)", record: "saved \(index)", active: true, lease: Lease(owner: "a", token: index.isMultiple(of: 2) ? 1 : 7),
                        timeMilliseconds: 2_000, audit: [audit], urgent: index == count - 1))
                    return (index, saved)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == count)
        for (index, saved) in answers { #expect(saved == index.isMultiple(of: 2), "r\(index)") }
        let transactions = await store.transactionsCommitted - before
        #expect(transactions < count / 2, "\(count) saves at once took \(transactions) transactions")
        let records = Dictionary(uniqueKeysWithValues: try await store.rollouts(limit: 100).map { ($0.id, $0.record) })
        for index in 0..<count { #expect(records["r\(index)"] == (index.isMultiple(of: 2) ? "saved \(index)" : "{}")) }
        #expect(AuditChain.verify(try await store.audit(after: 0, limit: 100)) == .intact(entries: count / 2))
        try await store.close()
    }
}
