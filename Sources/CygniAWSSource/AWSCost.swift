import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension CostClient {
    /// Spend per ECS service from Cost Explorer: today, month to date, the last two weeks or more
    /// day by day, and the month-end forecast (Cost Explorer's for the tagged services when it
    /// answers, shared out by last week's spend; else each service's last-week rate carried on).
    ///
    /// Every Cost Explorer request costs $0.01 and its data lags by hours, while the console asks
    /// for cost every minute: a report is kept in memory for `maxAge` (an hour), and a failure for
    /// five minutes, so a day of watching costs about fifty cents, not fifteen dollars. An answer
    /// with no tagged spend was paid for like any other: it is kept the full hour too.
    ///
    /// `rolloutDeltas` is empty: the overlap of both fleets during a rollout is the control
    /// plane's to price (it knows the task sets), not Cost Explorer's, whose data lags by hours.
    public static func aws(client: AWSClient, maxAge: TimeInterval = 3_600, now: @escaping @Sendable () -> Date = Date.init) -> CostClient {
        let cache = TimedCache<Result<CostReport, ClientError>>(maxAge: maxAge, failureMaxAge: 5 * 60, now: now)
        let costExplorer = CostExplorerClient(client)
        return CostClient(report: {
            try await cache.value {
                do {
                    return .success(try await spendReport(costExplorer, now: now()))
                } catch let untagged as UntaggedSpend {
                    return .failure(ClientError(untagged.message))
                }
            }.get()
        })
    }

    /// Cost Explorer answered, with no spend under the service tag: not worth asking again soon.
    private struct UntaggedSpend: Error {
        let message = "Cost Explorer: no spend tagged \(ServiceSpend.tagKey); activate that cost allocation tag in Billing"
    }

    private static func spendReport(_ costExplorer: CostExplorerClient, now: Date) async throws -> CostReport {
        let calendar = ServiceSpend.Calendar(now: now)
        let usage = try await reading("Cost Explorer", "ce:GetCostAndUsage") {
            try await costExplorer.costAndUsage(start: calendar.start, end: calendar.end, groupBy: .tag(ServiceSpend.tagKey))
        }
        let names = usage.groups.compactMap { ServiceSpend.service(ofKey: $0.key) }
        guard !names.isEmpty else { throw UntaggedSpend() }
        // The forecast is worth having, not worth failing the spend for (moto has none at all).
        var remaining: Double?
        if let window = ForecastWindow.restOfMonth(now: now) {
            remaining = try? await costExplorer.costForecast(
                window, granularity: .monthly, predictionIntervalLevel: nil, tag: (ServiceSpend.tagKey, names)
            ).amount
        }
        return CostReport(services: ServiceSpend.services(usage, calendar: calendar, remaining: remaining), rolloutDeltas: [])
    }
}
