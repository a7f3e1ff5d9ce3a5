@testable import CygniControlPlane
import CygniModel
import CygniRollout
import Testing

/// The order the engine's AWS writes are carried out in when some are still pending (AWS
/// refusing them, or a restart): a rollback's weights first, and only the newest weights.
@Suite struct PendingWritesTests {
    @Test func aRollbacksWeightsGoAheadOfEveryPendingWriteAndReplaceOlderWeights() {
        var pending: [ProviderCommand] = [.createFleet(version: "v2", count: 2), .setWeights(TrafficSplit(canary: 25))]
        pending.queue([.setWeights(.allStable), .deleteFleet(version: "v2")])
        #expect(pending == [.setWeights(.allStable), .createFleet(version: "v2", count: 2), .deleteFleet(version: "v2")])
    }

    @Test func newerWeightsReplaceOlderOnesAtTheBackOfTheQueue() {
        var pending: [ProviderCommand] = [.setWeights(TrafficSplit(canary: 5)), .scale(version: "v2", count: 4)]
        pending.queue([.setWeights(TrafficSplit(canary: 25))])
        #expect(pending == [.scale(version: "v2", count: 4), .setWeights(TrafficSplit(canary: 25))])
    }

    @Test func otherWritesKeepTheirOrder() {
        var pending: [ProviderCommand] = []
        pending.queue([.createFleet(version: "v2", count: 2), .runHook(name: "smoke", version: "v2"), .deleteFleet(version: "v1")])
        #expect(pending == [.createFleet(version: "v2", count: 2), .runHook(name: "smoke", version: "v2"), .deleteFleet(version: "v1")])
    }
}
