import CygniControlPlane
import Foundation
import Testing

/// The rollout rows the engine drives, on both stores: one active rollout per service, leases
/// taken by the database's clock, and every write fenced by the lease it names.
@Suite struct RolloutLeaseTests {
    private func rollout(_ id: String, service: String = "prod/checkout", owner: String = "a", ttl: Int64 = 600_000) -> NewRollout {
        NewRollout(id: id, service: service, record: #"{"id":"\#(id)"}"#, owner: owner, ttlMilliseconds: ttl, timeMilliseconds: 1_000)
    }

    @Test(arguments: StoreKind.allCases)
    func oneActiveRolloutPerServiceAndARepeatedInsertIsKnown(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.fresh(kind).open()
        #expect(try await store.insertRollout(rollout("r1")) == .inserted(Lease(owner: "a", token: 1)))
        #expect(try await store.insertRollout(rollout("r1")) == .exists)
        #expect(try await store.insertRollout(rollout("r2")) == .serviceBusy(rolloutID: "r1"))
        #expect(try await store.insertRollout(rollout("r3", service: "prod/cart")) == .inserted(Lease(owner: "a", token: 1)))
        // Finished, the service is free again.
        let saved = try await store.saveRollout(RolloutSave(id: "r1", record: "{}", active: false, lease: Lease(owner: "a", token: 1), timeMilliseconds: 2_000))
        #expect(saved)
        #expect(try await store.insertRollout(rollout("r4")) == .inserted(Lease(owner: "a", token: 1)))
        #expect(try await store.rollouts(limit: 10).count == 3, "r2 was refused")
        try await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aLeaseThatExpiredChangesHandsAndTheOldOwnersWritesAreRefused(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.fresh(kind).open()
        // r1's lease lasts; r2's is over at once.
        _ = try await store.insertRollout(rollout("held"))
        _ = try await store.insertRollout(rollout("r1", service: "prod/cart", ttl: 1))
        try await Task.sleep(for: .milliseconds(50))
        let taken = try await store.claimRollouts(owner: "b", ttlMilliseconds: 600_000)
        #expect(taken.map(\.id) == ["r1"], "a held lease is not taken; an expired one is")
        #expect(taken.first?.lease == Lease(owner: "b", token: 2))
        // The old owner's token no longer writes; the new one's does, with its audit entry.
        let audit = AuditDraft(timeMilliseconds: 3_000, actor: "engine", rolloutID: "r1", action: "shift", outcome: .accepted, reason: nil, detail: nil)
        #expect(try await !store.saveRollout(RolloutSave(id: "r1", record: "stale", active: true, lease: Lease(owner: "a", token: 1), timeMilliseconds: 3_000, audit: [audit])))
        #expect(try await store.saveRollout(RolloutSave(id: "r1", record: "new", active: true, lease: Lease(owner: "b", token: 2), timeMilliseconds: 3_000, audit: [audit])))
        #expect(try await store.rollouts(limit: 1).first?.record == "new")
        #expect(try await store.audit(after: 0, limit: 10).count == 1, "the refused write left no audit entry")
        // Renewing keeps the token; the old owner claims nothing.
        #expect(try await store.claimRollouts(owner: "b", ttlMilliseconds: 600_000).first?.lease == Lease(owner: "b", token: 2))
        #expect(try await store.claimRollouts(owner: "a", ttlMilliseconds: 600_000).map(\.id) == ["held"], "a renews its own, takes nothing of b's")
        // Released on shutdown: taken at once, with a new token.
        try await store.releaseRollouts(owner: "b")
        #expect(try await store.claimRollouts(owner: "a", ttlMilliseconds: 600_000).first { $0.id == "r1" }?.lease == Lease(owner: "a", token: 3))
        try await store.close()
    }

    @Test func twoReplicasRacingForExpiredLeasesNeverBothTakeOne() async throws {
        let store = try await StoreFixture.fresh(.postgres).open()
        for index in 0..<20 { _ = try await store.insertRollout(rollout("r\(index)", service: "prod/s\(index)", ttl: 1)) }
        try await Task.sleep(for: .milliseconds(50))
        async let first = store.claimRollouts(owner: "b", ttlMilliseconds: 15_000)
        async let second = store.claimRollouts(owner: "c", ttlMilliseconds: 15_000)
        let (b, c) = try await (first, second)
        #expect(Set(b.map(\.id)).isDisjoint(with: c.map(\.id)))
        #expect(b.count + c.count == 20)
        try await store.close()
    }
}
