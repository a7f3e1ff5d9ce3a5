import CygniModel
import CygniTerminal
import Foundation

/// `cx slo`: every SLO with its budget, burn over the four window pairs and alert state.
public struct SLOReport: Encodable, Equatable, Sendable {
    public struct Entry: Encodable, Equatable, Sendable {
        public struct Burn: Encodable, Equatable, Sendable {
            public var windows: String
            public var short: Double
            public var long: Double
            public var threshold: Double
            public var firing: Bool
        }

        public var service: String
        public var name: String
        public var kind: String
        public var objective: Double
        public var sli: Double
        public var budgetRemaining: Double
        public var windowDays: Int
        public var burnRates: [Burn]
        public var alert: String
        public var lowTraffic: Bool
    }

    public var source: String
    public var slos: [Entry]

    public init(state: DashboardState) {
        source = state.source.label
        slos = state.slos.map { slo in
            Entry(
                service: slo.service, name: slo.name, kind: slo.kind.rawValue, objective: slo.objective, sli: slo.sli,
                budgetRemaining: slo.budgetRemaining, windowDays: slo.windowDays,
                burnRates: slo.burnRates.map {
                    Entry.Burn(windows: $0.windows, short: $0.short, long: $0.long, threshold: $0.threshold, firing: $0.isFiring)
                },
                alert: slo.alert.rawValue, lowTraffic: slo.lowTraffic
            )
        }
    }

    /// True when any SLO pages: `cx slo` exits 1 then, so scripts can gate on it.
    public var anyPaging: Bool { slos.contains { $0.alert == AlertState.page.rawValue } }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    public func table() -> String {
        let source = Sanitizer.clean(self.source)
        guard !slos.isEmpty else { return "source: \(source)\nno SLOs" }
        let windows = BurnRate.standardPairs.map(\.windows)
        var rows = [["SERVICE", "SLO", "OBJECTIVE", "SLI", "BUDGET"] + windows + ["ALERT"]]
        for slo in slos {
            var row = [slo.service, slo.name, Format.level(slo.objective), Format.level(slo.sli), Format.percent(slo.budgetRemaining)]
            for window in windows {
                row.append(slo.burnRates.first { $0.windows == window }.map { Format.burn(max($0.short, $0.long)) } ?? "—")
            }
            row.append(slo.alert + (slo.lowTraffic ? " (low traffic)" : ""))
            rows.append(row)
        }
        return "source: \(source)\n" + TextTable.render(rows, rightAligned: Set(2..<(5 + windows.count)))
    }
}
