import CygniModel
import Foundation

/// One SLO's budget and burn rates over the SRE workbook's four window pairs.
public struct BurnRateTracker: Equatable, Sendable, Codable {
    public let policy: SLOPolicy
    private var recent: WindowedCounter
    private var budget: WindowedCounter
    /// The first firing page-level pair, kept current by every change, so the check that runs on
    /// each metric window reads one field instead of recomputing (or copying) the tracker.
    public private(set) var firingPage: BurnRate?

    /// Window lengths in minutes, in the order `recent` keeps them.
    static let windowMinutes = [5, 30, 60, 120, 360, 1_440, 4_320]
    /// (short, long) positions in `windowMinutes` for each of `BurnRate.standardPairs`.
    static let pairWindows = [(0, 2), (1, 4), (3, 5), (4, 6)]

    public init(policy: SLOPolicy) {
        self.policy = policy
        recent = WindowedCounter(bucketSeconds: 60, windows: Self.windowMinutes)
        budget = WindowedCounter(bucketSeconds: 3_600, windows: [policy.windowDays * 24])
    }

    public mutating func record(total: Int, bad: Int, at time: Date) {
        record(total: Double(total), bad: Double(bad), at: time)
    }

    /// Fractional counts: a share of a wider scope's history.
    mutating func record(total: Double, bad: Double, at time: Date) {
        recent.record(total: total, bad: bad, at: time)
        budget.record(total: total, bad: bad, at: time)
        firingPage = computeFiringPage()
    }

    public mutating func advance(to time: Date) {
        let moved = recent.advance(to: time)
        budget.advance(to: time)
        if moved { firingPage = computeFiringPage() }
    }

    /// Error ratio over the SLO window divided by the budget; 1 - that is what is left.
    public var budgetRemaining: Double {
        1 - budget.tally(window: 0).ratio / (1 - policy.objective)
    }

    public var sli: Double { 1 - budget.tally(window: 0).ratio }

    public var burnRates: [BurnRate] {
        zip(BurnRate.standardPairs, Self.pairWindows).map { pair, windows in
            BurnRate(
                windows: pair.windows, short: burnRate(window: windows.0), long: burnRate(window: windows.1),
                threshold: pair.threshold, severity: pair.severity
            )
        }
    }

    /// True when one bad event in the short window of a page pair would fire it by itself:
    /// such a burn rate says more about the traffic than about the service.
    public var lowTraffic: Bool {
        zip(BurnRate.standardPairs, Self.pairWindows).contains { pair, windows in
            pair.severity == .page && isLowTraffic(shortWindow: windows.0, threshold: pair.threshold)
        }
    }

    /// Beside `burnRates`: whether each pair fires, by the same rule as `alert`.
    public var pairsFiring: [Bool] {
        zip(BurnRate.standardPairs, Self.pairWindows).map { firing($0, $1) }
    }

    /// The most severe pair that fires with enough traffic behind it.
    public var alert: AlertState {
        var alert = AlertState.ok
        for (pair, windows) in zip(BurnRate.standardPairs, Self.pairWindows) where firing(pair, windows) {
            alert = max(alert, pair.severity)
        }
        return alert
    }

    private func computeFiringPage() -> BurnRate? {
        for (pair, windows) in zip(BurnRate.standardPairs, Self.pairWindows) where pair.severity == .page && firing(pair, windows) {
            return BurnRate(
                windows: pair.windows, short: burnRate(window: windows.0), long: burnRate(window: windows.1),
                threshold: pair.threshold, severity: pair.severity
            )
        }
        return nil
    }

    public func status(service: String) -> SLOStatus {
        SLOStatus(
            name: policy.name, service: service, kind: policy.kind, objective: policy.objective, sli: sli,
            budgetRemaining: budgetRemaining, windowDays: policy.windowDays, burnRates: burnRates, alert: alert,
            lowTraffic: lowTraffic
        )
    }

    func burnRate(window: Int) -> Double {
        recent.tally(window: window).ratio / (1 - policy.objective)
    }

    private func isLowTraffic(shortWindow: Int, threshold: Double) -> Bool {
        recent.tally(window: shortWindow).total * (1 - policy.objective) * threshold < 1
    }

    private func firing(_ pair: (windows: String, threshold: Double, severity: AlertState), _ windows: (Int, Int)) -> Bool {
        burnRate(window: windows.0) >= pair.threshold && burnRate(window: windows.1) >= pair.threshold
            && !isLowTraffic(shortWindow: windows.0, threshold: pair.threshold)
    }
}
