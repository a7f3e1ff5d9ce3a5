import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension SpendClient {
    /// Spend from Cost Explorer (GetCostAndUsage, daily, unblended) and its forecast to the
    /// month's end (GetCostForecast, asked alongside and never holding the spend up for more than
    /// `forecastDeadline` seconds). Each request costs $0.01, so answers are kept on disk for an
    /// hour (`CostCache`), forecast included, keyed by the account and the query.
    public static func aws(
        client: AWSClient, forecastDeadline: Double = 10, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = Date.init
    ) -> SpendClient {
        SpendClient { query in
            // Two accounts must never share an answer.
            let cache = CostCache(
                key: [client.configuration.accountFingerprint, "\(query.days)", query.grouping.argument].joined(separator: "|"),
                environment: environment)
            if !query.refresh, let cached = cache.read(maxAge: 3600), let forecast = cached.forecast {
                return SpendAnswer(usage: cached.result, forecast: forecast, fetchedAt: cached.fetchedAt, cached: true)
            }
            let asked = now()
            let end = asked.addingTimeInterval(86_400)  // End is exclusive: include today
            let start = end.addingTimeInterval(-Double(query.days) * 86_400)
            let costExplorer = CostExplorerClient(client)
            // Asked alongside the spend; whatever becomes of it, the spend is still reported.
            async let forecast = MonthEndForecast.fetch(costExplorer, now: asked, deadline: forecastDeadline)
            let usage = try await reading("Cost Explorer", "ce:GetCostAndUsage") {
                try await costExplorer.costAndUsage(start: start, end: end, groupBy: query.grouping)
            }
            let outlook = await forecast
            let fetchedAt = now()
            cache.write(CostCache.Entry(result: usage, forecast: outlook, fetchedAt: fetchedAt, cached: false))
            return SpendAnswer(usage: usage, forecast: outlook, fetchedAt: fetchedAt, cached: false)
        }
    }
}
