import CygniModel
import Foundation

/// SLO burn for the whole service and, over the short windows, for each side alone, so a
/// page-level burn can be pinned on the version that causes it.
struct BurnWatch: Equatable, Sendable, Codable {
    private(set) var service: [BurnRateTracker]
    /// Per side, one counter per SLO over the page pairs' short windows (5 m, 30 m).
    private var sides: PerSide<[WindowedCounter]>
    /// SLOs whose unexplained burn has already been reported, so it is said once.
    var reported: Set<String> = []
    /// The newest moment counted so far: history older than this would land in the wrong bucket.
    private var countedUpTo: Date?
    static let shortWindowMinutes = [5, 30]

    init(policies: [SLOPolicy]) {
        service = policies.map(BurnRateTracker.init(policy:))
        sides = PerSide(both: policies.map { _ in WindowedCounter(bucketSeconds: 60, windows: Self.shortWindowMinutes) })
    }

    /// Counts a window for the service, and for its side when it is on one.
    mutating func record(_ window: MetricWindow, side: Side?, at time: Date) {
        countedUpTo = max(countedUpTo ?? time, time)
        for index in service.indices {
            let bad = service[index].policy.badEvents(in: window)
            service[index].record(total: window.requests, bad: bad, at: time)
            switch side {
            case .stable?: sides.stable[index].record(total: Double(window.requests), bad: Double(bad), at: time)
            case .canary?: sides.canary[index].record(total: Double(window.requests), bad: Double(bad), at: time)
            case nil: break
            }
        }
    }

    /// Counts the service's history before the rollout, for the service only: the sides' counters
    /// are about this rollout's versions, which served none of it.
    mutating func recordHistory(_ samples: [SLOCountSample], now: Date) {
        for sample in samples where sample.time <= now {
            if let countedUpTo, sample.time < countedUpTo { continue }
            countedUpTo = sample.time
            for index in service.indices {
                service[index].record(total: sample.requests, bad: service[index].policy.badEvents(in: sample), at: sample.time)
            }
        }
    }

    mutating func advance(to time: Date) {
        for index in service.indices {
            service[index].advance(to: time)
            sides.stable[index].advance(to: time)
            sides.canary[index].advance(to: time)
        }
    }

    /// The first SLO with a page-level pair firing, without copying any tracker: this runs on
    /// every metric window.
    var firstPageFiring: (index: Int, page: BurnRate)? {
        for index in service.indices {
            if let page = service[index].firingPage { return (index, page) }
        }
        return nil
    }

    /// Burn rate of one side alone over a page pair's short window ("5m/1h" -> 5 m).
    func sideBurn(_ side: Side, slo index: Int, pair: String) -> Double {
        let window = pair.hasPrefix("5m") ? 0 : 1
        return sides[side][index].tally(window: window).ratio / (1 - service[index].policy.objective)
    }
}
