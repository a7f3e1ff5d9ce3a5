import CygniModel
import CygniTerminal

/// The Cost pane's few lines on what the process behind the console has asked AWS for: the
/// totals and the estimate first (the one line a small pane keeps), then the billed units, the
/// busiest APIs, and what the estimate is.
struct AWSUsageLines {
    let state: DashboardState

    var lines: [StyledLine] {
        let theme = state.theme
        guard let usage = state.awsUsage else {
            return state.awsUsageError.map { [StyledLine("AWS usage unavailable: \($0)", theme[.muted])] } ?? []
        }
        guard usage.asksAWS else { return [StyledLine("AWS: \(Sanitizer.clean(usage.note))", theme[.muted])] }
        let who = usage.asker == .controlPlane ? "cygnid" : "this console"
        let units = usage.units
        let requests = Double(usage.totalRequests)
        let busiest = usage.requests.prefix(Self.apisShown).map { "\(Sanitizer.clean($0.api)) \($0.count)" }.joined(separator: " · ")
        return [
            StyledLine([
                StyledSpan("AWS asked by \(who) in \(Format.duration(usage.at.timeIntervalSince(usage.since))): ", theme[.muted]),
                StyledSpan("\(usage.totalRequests) requests", theme[.text]),
                StyledSpan(" (\(Format.count(usage.perHour(requests)))/h), ", theme[.muted]),
                StyledSpan("est. \(Format.estimate(usage.estimatedDollars))", theme[.warn]),
                StyledSpan(" (\(Format.estimate(usage.perHour(usage.estimatedDollars)))/h)", theme[.muted]),
            ]),
            StyledLine(
                "X-Ray traces \(units.tracesRetrieved) retrieved, \(units.tracesScanned) scanned · CloudWatch \(units.metricsRequested) metrics"
                    + " · Cost Explorer \(units.costExplorerRequests) · FilterLogEvents \(units.logFilterRequests)", theme[.text]),
            StyledLine(busiest, theme[.muted]),
            StyledLine("an estimate at list prices of \(Sanitizer.clean(usage.priceTableDate)), not a bill", theme[.muted]),
        ]
    }

    static let apisShown = 4
}
