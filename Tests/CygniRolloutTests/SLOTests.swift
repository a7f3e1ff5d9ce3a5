import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("SLO budget and burn rates")
struct SLOTests {
    let origin = Date(timeIntervalSinceReferenceDate: 0)
    let availability = SLOPolicy(name: "availability", kind: .availability, objective: 0.999)

    @Test func burnRateIsErrorRatioOverBudget() {
        var tracker = BurnRateTracker(policy: availability)
        // An hour at 1% errors: 10x burn on every window that has data.
        for minute in 0..<60 {
            tracker.record(total: 6_000, bad: 60, at: origin.addingTimeInterval(Double(minute) * 60))
        }
        let rates = tracker.burnRates
        #expect(rates.map(\.windows) == ["5m/1h", "30m/6h", "2h/1d", "6h/3d"])
        for rate in rates {
            #expect(abs(rate.short - 10) < 1e-9)
            #expect(abs(rate.long - 10) < 1e-9)
        }
        // 10x fires the 30m/6h page (6) and the tickets, but not the 5m/1h page (14.4).
        #expect(tracker.alert == .page)
        #expect(tracker.firingPage?.windows == "30m/6h")
        #expect(abs(tracker.budgetRemaining - (1 - 10)) < 1e-9)
    }

    @Test func oldBucketsLeaveShortWindows() {
        var tracker = BurnRateTracker(policy: availability)
        tracker.record(total: 1_000, bad: 500, at: origin)
        tracker.advance(to: origin.addingTimeInterval(10 * 60))
        tracker.record(total: 1_000, bad: 0, at: origin.addingTimeInterval(10 * 60))
        let pair = tracker.burnRates[0]
        #expect(pair.short == 0)
        #expect(abs(pair.long - 250) < 1e-9)
        #expect(tracker.alert == .page || tracker.alert == .ticket)
    }

    @Test func lowTrafficDoesNotPage() {
        var tracker = BurnRateTracker(policy: availability)
        tracker.record(total: 10, bad: 1, at: origin)
        #expect(tracker.burnRates[0].short >= 14.4)
        #expect(tracker.lowTraffic)
        #expect(tracker.alert == .ok)
        let status = tracker.status(service: "checkout")
        #expect(status.lowTraffic && status.alert == .ok && status.windowDays == 30)
    }

    @Test func noTrafficBurnsNothing() {
        let tracker = BurnRateTracker(policy: availability)
        #expect(tracker.burnRates.allSatisfy { $0.short == 0 && $0.long == 0 })
        #expect(tracker.budgetRemaining == 1)
        #expect(tracker.sli == 1)
    }

    @Test func latencySLOCountsSlowRequests() {
        let latency = SLOPolicy(name: "latency", kind: .latency, objective: 0.99, latencyThresholdMilliseconds: 300)
        let window = MetricWindow(version: "v1", start: origin, end: origin, requests: 100, errors: 7, slowRequests: 3)
        #expect(latency.badEvents(in: window) == 3)
        #expect(availability.badEvents(in: window) == 7)
    }

    @Test func windowedSumsMatchARecount() {
        var random = SeededGenerator(seed: 7)
        var counter = WindowedCounter(bucketSeconds: 60, windows: [5, 60])
        var log: [(Double, Double, Double)] = []
        var t = 0.0
        for _ in 0..<2_000 {
            t += Double(random.int(1...120))
            let total = Double(random.int(0...100)), bad = Double(random.int(0...10))
            counter.record(total: total, bad: bad, at: origin.addingTimeInterval(t))
            log.append((t, total, bad))
            let minute = (t / 60).rounded(.down)
            for (index, length) in [5.0, 60].enumerated() {
                let expected = log.filter { ($0.0 / 60).rounded(.down) > minute - length }.reduce(0) { $0 + $1.1 }
                #expect(abs(counter.tally(window: index).total - expected) < 1e-6)
            }
        }
    }
}
