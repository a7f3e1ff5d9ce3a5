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
    }
}
