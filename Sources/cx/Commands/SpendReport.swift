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
    var forecast: CostForecast?
    var forecastUnavailable: String?
    var cached: Bool
    var fetchedAt: String

    init(_ entry: CostCache.Entry) {
        total = entry.result.total
        currency = entry.result.currency
        start = entry.result.start
        end = entry.result.end
        days = entry.result.days
        groups = entry.result.groups
        forecast = entry.forecast?.forecast
        forecastUnavailable = forecast == nil ? (entry.forecast?.unavailable ?? "not asked") : nil
        cached = entry.cached
        fetchedAt = HeadlessOutput.timestamp(entry.fetchedAt)
    }

    enum CodingKeys: String, CodingKey {
        case total, currency, start, end, days, groups, forecast, forecastUnavailable, cached, fetchedAt
    }

    /// Written out by hand so that an absent forecast is an explicit null, not a missing key.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(currency, forKey: .currency)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(days, forKey: .days)
        try container.encode(groups, forKey: .groups)
        try container.encode(forecast, forKey: .forecast)
        try container.encode(forecastUnavailable, forKey: .forecastUnavailable)
        try container.encode(cached, forKey: .cached)
        try container.encode(fetchedAt, forKey: .fetchedAt)
    }
}
