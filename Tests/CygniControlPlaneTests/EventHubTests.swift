import Foundation
import Testing

@testable import CygniControlPlane

/// The event hub's places: a stream whose reader stopped taking signals gives its place up.
@Suite struct EventHubTests {
    @Test func aStreamNobodyReadsGivesUpItsPlace() async throws {
        let store = try await StoreFixture.fresh(.sqlite).open()
        let hub = EventHub(store: store, keepAlive: .milliseconds(20), maximumSubscribers: 2)
        let stuck = try #require(await hub.subscribe(newest: 0))
        let reading = try #require(await hub.subscribe(newest: 0))
        #expect(await hub.subscribe(newest: 0) == nil, "two places, both taken")

        // One reader takes its keep-alives; the other never does.
        let reader = Task {
            var taken = 0
            for await _ in reading {
                taken += 1
                if taken == 40 { break }
            }
            return taken
        }
        #expect(await eventually(within: 5) { await hub.subscriberCount == 1 }, "the stream nobody reads still holds its place")
        #expect(await reader.value == 40, "the stream that is read goes on")
        // The stuck one is finished: its reader, should it wake, finds the end after what was kept.
        var kept = 0
        for await _ in stuck { kept += 1 }
        #expect(kept == EventHub.signalsBuffered)
        #expect(await hub.subscribe(newest: 0) != nil, "a freed place is taken again")
        try await store.close()
    }
}
