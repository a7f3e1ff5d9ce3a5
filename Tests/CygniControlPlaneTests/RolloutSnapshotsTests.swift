import CygniClients
import CygniModel
import Foundation
import Synchronization
import Testing

@testable import CygniControlPlane

/// The list's snapshots over a world that is slow to read: a request after a logged change waits
/// for a read begun after it (a client reads its own writes), a request that finds the snapshot
/// only old does not wait for the new read, and many asking at once for a page share one encoding.
@Suite struct RolloutSnapshotsTests {
    final class Counter: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// The sandbox's world, each read of its rollouts taking `delay` and counted.
    struct SlowWorld {
        let reads = Counter()
        let backend: WorldBackend

        init(delay: Duration) {
            var backend = WorldBackend.sandbox(SandboxOptions())
            let inner = backend.controlPlane.rollouts
            let reads = self.reads
            backend.controlPlane.rollouts = {
                reads.add()
                try await Task.sleep(for: delay)
                return try await inner()
            }
            self.backend = backend
        }
    }

    static let key = RolloutSnapshots.PageKey(activeOnly: nil, page: try! PageRequest(query: ["limit": "100"]))

    @Test func onlyALoggedChangeMakesARequestWaitForTheWorld() async throws {
        let fixture = try await StoreFixture.fresh(.sqlite)
        let store = try await fixture.open()
        let events = EventHub(store: store, keepAlive: .seconds(30))
        let world = SlowWorld(delay: .seconds(1))
        let snapshots = RolloutSnapshots(world: world.backend, events: events)
        let encodings = Counter()
        let make: RolloutSnapshots.Make = { rollouts, _ in
            encodings.add()
            return Data(rollouts.map(\.id).joined(separator: ",").utf8)
        }
        let clock = ContinuousClock()

        // The first request has nothing to show but a read.
        let first = try await clock.measure { _ = try await snapshots.page(Self.key, gzip: false, make: make) }
        #expect(first >= .seconds(1))

        // Older than the snapshots' age, not changed: answered at once while the world is read again.
        try await Task.sleep(for: RolloutSnapshots.maximumAge + .milliseconds(50))
        let aged = try await clock.measure { _ = try await snapshots.page(Self.key, gzip: false, make: make) }
        #expect(aged < .milliseconds(500), "the read of an old snapshot held the request \(aged)")
        // Done when the page asked of the old snapshot is made again with the new one, so that
        // read is over before the next step counts.
        #expect(await eventually(within: 5) { world.reads.value == 2 && encodings.value == 2 }, "the old snapshot was read again in the background")

        // A logged change: the next request waits for a read begun after it.
        await events.notify()
        let changed = try await clock.measure { _ = try await snapshots.page(Self.key, gzip: false, make: make) }
        #expect(changed >= .seconds(1), "a request after a change was answered from before it (\(changed))")

        // Twenty asking at once after another change: one read, one encoding.
        await events.notify()
        let readsBefore = world.reads.value
        let encodingsBefore = encodings.value
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await snapshots.page(Self.key, gzip: false, make: make) } }
            try await group.waitForAll()
        }
        #expect(world.reads.value == readsBefore + 1)
        #expect(encodings.value == encodingsBefore + 1, "twenty requests made the page \(encodings.value - encodingsBefore) times")
        try await store.close()
    }

    @Test func aPageNobodyAsksForAnyMoreIsNotMadeAgainWithEachSnapshot() async throws {
        let fixture = try await StoreFixture.fresh(.sqlite)
        let store = try await fixture.open()
        let events = EventHub(store: store, keepAlive: .seconds(30))
        let world = SlowWorld(delay: .milliseconds(10))
        let snapshots = RolloutSnapshots(world: world.backend, events: events)
        let once = Counter()
        let often = Counter()
        func maker(_ counter: Counter) -> RolloutSnapshots.Make {
            { rollouts, _ in
                counter.add()
                return Data(rollouts.map(\.id).joined(separator: ",").utf8)
            }
        }
        let oneOff = RolloutSnapshots.PageKey(activeOnly: true, page: try PageRequest(query: ["limit": "5"]))

        _ = try await snapshots.page(oneOff, gzip: false, make: maker(once))
        _ = try await snapshots.page(Self.key, gzip: false, make: maker(often))
        // Four age-driven reads, the list asked of each snapshot and the one-off page never again.
        for round in 1...4 {
            try await Task.sleep(for: RolloutSnapshots.maximumAge + .milliseconds(50))
            _ = try await snapshots.page(Self.key, gzip: false, make: maker(often))
            // At least: on a loaded machine a request may come late enough to find its snapshot aged.
            #expect(await eventually(within: 10) { world.reads.value >= round + 1 }, "read \(round + 1) never came")
        }
        // Made for the first snapshot, and again with the second (it was asked of the first).
        #expect(once.value == 2, "the one-off page was made \(once.value) times")
        // The page asked each time is made with every snapshot (the last may still be under way).
        #expect(often.value >= 4, "the page asked each time was made \(often.value) times")
        try await store.close()
    }
}
