/// List prices of the AWS reads the console makes, built into cx: what its usage report's
/// estimate uses. us-east-1, on-demand, before any free tier (X-Ray's first million traces
/// retrieved or scanned a month are free, per account, shared with every other tool).
public struct AWSRequestPriceTable: Sendable, Equatable {
    /// When these prices were read from AWS's pricing pages.
    public static let date = "2026-12-07"
    public static let region = "us-east-1"

    /// X-Ray, per trace retrieved (BatchGetTraces) or scanned (GetTraceSummaries): $0.50 a million.
    public var xrayTrace: Double
    /// CloudWatch GetMetricData, per metric requested: $0.01 per 1,000.
    public var cloudWatchMetric: Double
    /// Cost Explorer, per API request: $0.01.
    public var costExplorerRequest: Double

    public init(xrayTrace: Double, cloudWatchMetric: Double, costExplorerRequest: Double) {
        self.xrayTrace = xrayTrace
        self.cloudWatchMetric = cloudWatchMetric
        self.costExplorerRequest = costExplorerRequest
    }

    public static let builtIn = AWSRequestPriceTable(xrayTrace: 0.50 / 1_000_000, cloudWatchMetric: 0.01 / 1_000, costExplorerRequest: 0.01)

    /// The dollars these units cost at these prices.
    public func dollars(_ units: AWSUsageUnits) -> Double {
        Double(units.tracesRetrieved + units.tracesScanned) * xrayTrace + Double(units.metricsRequested) * cloudWatchMetric
            + Double(units.costExplorerRequests) * costExplorerRequest
    }

    /// What every estimate from this table says about itself.
    public static let note = """
        estimate at \(region) list prices of \(date), before free tiers: X-Ray $0.50 per million traces retrieved or scanned, \
        CloudWatch $0.01 per 1,000 metrics requested, Cost Explorer $0.01 per request; ECS, ELBv2, Logs, Pricing and STS reads \
        have no per-request price; FilterLogEvents does not report the bytes it scans, so they are not estimated
        """
}
