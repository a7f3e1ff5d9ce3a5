import CygniAWS
import CygniDashboard
import Foundation

/// The JSON of `cx cost`: the figures at the top level, the month-end forecast (null, with the
/// reason in "forecastUnavailable", when there is none), and whether they came from the cache.
struct SpendReport: Encodable {
    var total: Double
    var currency: String
    var start: String
    var end: String
    var days: [CostAndUsage.Day]
    var groups: [CostAndUsage.Group]
    var forecast: JSONNullable<CostForecast>
    var forecastUnavailable: JSONNullable<String>
    var cached: Bool
    var fetchedAt: String
    /// Cost Explorer had more pages than cx reads (each costs $0.01): the figures are partial.
    var truncated: Bool

    init(_ entry: CostCache.Entry) {
        total = entry.result.total
        currency = entry.result.currency
        start = entry.result.start
        end = entry.result.end
        days = entry.result.days
        groups = entry.result.groups
        let outcome = entry.forecast?.forecast
        forecast = JSONNullable(outcome)
        forecastUnavailable = JSONNullable(outcome == nil ? (entry.forecast?.unavailable ?? "not asked") : nil)
        cached = entry.cached
        fetchedAt = HeadlessOutput.timestamp(entry.fetchedAt)
        truncated = entry.result.truncated ?? false
    }
}
