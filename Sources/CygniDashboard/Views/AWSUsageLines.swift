import CygniModel
import CygniTerminal

/// The Cost pane's few lines on what the process behind the console has asked AWS for: the
/// estimate and the requests first (the one line a small pane keeps), then the billed units,
/// the busiest APIs, and what the estimate is.
struct AWSUsageLines {
    let state: DashboardState

    var lines: [StyledLine] {
        let theme = state.theme
        guard let usage = state.awsUsage else {
            return state.awsUsageError.map { [StyledLine("AWS usage unavailable: \($0)", theme[.muted])] } ?? []
        }
        guard usage.asksAWS else { return [StyledLine("AWS: \(Sanitizer.clean(usage.note))", theme[.muted])] }
        let who = usage.asker.name
        let units = usage.units
        let requests = Double(usage.totalRequests)
        let busiest = usage.requests.prefix(Self.apisShown).map { "\(Sanitizer.clean($0.api)) \($0.count)" }.joined(separator: " · ")
        // The estimate first: a narrow pane cuts the end of each line.
        return [
            StyledLine([
                StyledSpan("est. \(Format.estimate(usage.estimatedDollars))", theme[.warn]),
                StyledSpan(" (\(Format.estimate(usage.perHour(usage.estimatedDollars)))/h) for ", theme[.muted]),
                StyledSpan("\(usage.totalRequests) AWS requests", theme[.text]),
                StyledSpan(" (\(Format.count(usage.perHour(requests)))/h) by \(who) in \(Format.duration(usage.at.timeIntervalSince(usage.since)))", theme[.muted]),
            ]),
            StyledLine(
                "X-Ray \(units.tracesRetrieved) retrieved/\(units.tracesScanned) scanned · \(units.metricsRequested) metrics"
                    + " · Cost Explorer \(units.costExplorerRequests) · FilterLogEvents \(units.logFilterRequests)", theme[.text]),
            StyledLine(busiest, theme[.muted]),
            StyledLine("an estimate at list prices of \(Sanitizer.clean(usage.priceTableDate)), not a bill", theme[.muted]),
        ]
    }

    static let apisShown = 4
}
