import Foundation
import Testing

@testable import CygniControlPlane

/// The event hub's places: a stream whose reader stopped taking signals gives its place up.
/// (Streams that are read go on: `EventStreamTests`, through a real server.)
@Suite struct EventHubTests {
    @Test func aStreamNobodyReadsGivesUpItsPlace() async throws {
        let store = try await StoreFixture.fresh(.sqlite).open()
        let hub = EventHub(store: store, keepAlive: .milliseconds(20), maximumSubscribers: 1, stuckAfter: .milliseconds(100))
        let stuck = try #require(await hub.subscribe(newest: 0))
        #expect(await hub.subscribe(newest: 0) == nil, "one place, taken")

        #expect(await eventually(within: 20) { await hub.subscriberCount == 0 }, "the stream nobody reads still holds its place")
        // The stuck one is finished: its reader, should it wake, finds the end after what was kept.
        var kept = 0
        for await _ in stuck { kept += 1 }
        #expect(kept == EventHub.signalsBuffered)
        #expect(await hub.subscribe(newest: 0) != nil, "a freed place is taken again")
        try await store.close()
    }
}
