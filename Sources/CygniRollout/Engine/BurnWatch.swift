import Foundation

/// SLO burn for the whole service and, over the short windows, for each version alone,
/// so a page-level burn can be pinned on the version that causes it.
struct BurnWatch: Equatable, Sendable, Codable {
    private(set) var service: [BurnRateTracker]
    /// Per version, one counter per SLO over the page pairs' short windows (5 m, 30 m).
    private var versions: [String: [WindowedCounter]] = [:]
    /// SLOs whose unexplained burn has already been reported, so it is said once.
    var reported: Set<String> = []
    static let shortWindowMinutes = [5, 30]

    init(policies: [SLOPolicy]) {
        service = policies.map(BurnRateTracker.init(policy:))
    }

    mutating func record(_ window: MetricWindow, at time: Date) {
        var counters = versions[window.version]
            ?? service.map { _ in WindowedCounter(bucketSeconds: 60, windows: Self.shortWindowMinutes) }
        for index in service.indices {
            let bad = service[index].policy.badEvents(in: window)
            service[index].record(total: window.requests, bad: bad, at: time)
            counters[index].record(total: Double(window.requests), bad: Double(bad), at: time)
        }
        versions[window.version] = counters
    }

    mutating func advance(to time: Date) {
        for index in service.indices { service[index].advance(to: time) }
        for version in versions.keys {
            for index in service.indices { versions[version]?[index].advance(to: time) }
        }
    }

    /// Burn rate of one version alone over a page pair's short window ("5m/1h" -> 5 m).
    func versionBurn(_ version: String, slo index: Int, pair: String) -> Double {
        guard let counter = versions[version]?[index] else { return 0 }
        let window = pair.hasPrefix("5m") ? 0 : 1
        return counter.tally(window: window).ratio / (1 - service[index].policy.objective)
    }
}
