import CygniModel
import CygniRollout

/// Turns request counts into SLO statuses, the way the SRE workbook's multiwindow, multi-burn-rate
/// alerts do.
enum SLOCalculator {
    static let availabilityObjective = 0.999
    static let latencyObjective = 0.99
    static let latencyThresholdMilliseconds = 300.0
    /// Below this many requests in the hour, one failure is a huge burn rate: say so, do not page.
    static let lowTrafficRequestsPerHour = 600

    /// Window lengths in minutes for each pair of `BurnRate.standardPairs`, short then long.
    static let pairMinutes: [(short: Int, long: Int)] = [(5, 60), (30, 360), (120, 1_440), (360, 4_320)]
    static let allSpans: [Int] = pairMinutes.flatMap { [$0.short, $0.long] }

    static func burnRate(bad: Int, total: Int, objective: Double) -> Double {
        guard total > 0 else { return 0 }
        return (Double(bad) / Double(total)) / (1 - objective)
    }

    static func status(
        service: String, kind: SLOStatus.Kind, history: ServiceHistory
    ) -> SLOStatus {
        let objective = kind == .availability ? availabilityObjective : latencyObjective
        let bad: (RequestCounts) -> Int = kind == .availability ? { $0.errors } : { $0.slow }
        let sums = history.windows(allSpans)
        var burnRates: [BurnRate] = []
        for (index, pair) in BurnRate.standardPairs.enumerated() {
            let short = sums[2 * index]
            let long = sums[2 * index + 1]
            burnRates.append(
                BurnRate(
                    windows: pair.windows,
                    short: burnRate(bad: bad(short), total: short.total, objective: objective),
                    long: burnRate(bad: bad(long), total: long.total, objective: objective),
                    threshold: pair.threshold, severity: pair.severity))
        }
        let lowTraffic = sums[1].total < lowTrafficRequestsPerHour
        var alert = burnRates.filter(\.isFiring).map(\.severity).max() ?? .ok
        if lowTraffic, alert == .page { alert = .ticket }

        let window = history.wholeWindow()
        let failed = bad(window)
        let sli = window.total > 0 ? 1 - Double(failed) / Double(window.total) : 1
        let budgetRemaining = 1 - (1 - sli) / (1 - objective)
        return SLOStatus(
            name: name(of: kind), service: service, kind: kind, objective: objective, sli: sli,
            budgetRemaining: budgetRemaining, windowDays: 30, burnRates: burnRates, alert: alert,
            lowTraffic: lowTraffic)
    }

    /// The same objectives as the rollout engine's policies.
    static let policies = [SLOStatus.Kind.availability, .latency].map { kind in
        SLOPolicy(
            name: name(of: kind), kind: kind, objective: kind == .availability ? availabilityObjective : latencyObjective,
            latencyThresholdMilliseconds: kind == .latency ? latencyThresholdMilliseconds : nil)
    }

    static func name(of kind: SLOStatus.Kind) -> String {
        switch kind {
        case .availability: return "availability"
        case .latency: return "latency < \(Int(latencyThresholdMilliseconds)) ms"
        }
    }
}
