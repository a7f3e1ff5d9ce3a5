import Foundation
import Testing

@testable import CygniAWSSource

struct AvailabilitySLOsTests {
    /// 500 target groups' thirty days of hourly points would pass the client's 100,000-point
    /// cap in one call, and the hours cut off would read as no traffic.
    @Test func noCallAsksForMoreDatapointsThanTheClientReads() {
        for tier in AvailabilitySLOs.Tier.tiers(at: Date(), windowDays: 30) {
            let perCall = AvailabilitySLOs.queriesPerCall(tier, maxDatapoints: 100_000)
            let points = Int((tier.end.timeIntervalSince(tier.start) / Double(tier.periodSeconds)).rounded(.up))
            #expect(perCall * points <= 100_000 && perCall <= 500 && perCall >= 1)
        }
        #expect(AvailabilitySLOs.Tier.tiers(at: Date(), windowDays: 30).map { AvailabilitySLOs.queriesPerCall($0, maxDatapoints: 100_000) } == [140, 277])
    }
}
