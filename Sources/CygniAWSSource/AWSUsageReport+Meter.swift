import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension AWSUsageReport {
    /// The meter's counts priced by `prices`: the report of `asker`'s requests at `at`.
    public init(_ usage: AWSUsage, asker: Asker, at: Date, prices: AWSRequestPriceTable = .builtIn) {
        let units = AWSUsageUnits(
            tracesRetrieved: usage[.tracesRetrieved], tracesScanned: usage[.tracesScanned], metricsRequested: usage[.metricsRequested],
            costExplorerRequests: usage.requests(toService: "ce"),
            logFilterRequests: usage.requests(to: AWSUsage.api(service: "logs", operation: "FilterLogEvents")))
        let requests = usage.requests.map { APIRequests(api: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.api) > ($1.count, $0.api) }
        self.init(
            asker: asker, since: usage.since, at: at, requests: requests, units: units, estimatedDollars: prices.dollars(units),
            note: AWSRequestPriceTable.note)
    }
}

extension AWSUsageClient {
    /// The meter's counts, as `asker`'s.
    public static func meter(_ meter: AWSUsageMeter, asker: AWSUsageReport.Asker, now: @escaping @Sendable () -> Date = Date.init) -> AWSUsageClient {
        AWSUsageClient { AWSUsageReport(meter.snapshot, asker: asker, at: now()) }
    }
}
