import CygniAWS
import CygniDashboard
import Foundation

/// The JSON of `cx cost`: the figures at the top level, and whether they came from the cache.
struct SpendReport: Encodable {
    var total: Double
    var currency: String
    var start: String
    var end: String
    var days: [CostAndUsage.Day]
    var groups: [CostAndUsage.Group]
    var cached: Bool
    var fetchedAt: String

    init(_ entry: CostCache.Entry) {
        total = entry.result.total
        currency = entry.result.currency
        start = entry.result.start
        end = entry.result.end
        days = entry.result.days
        groups = entry.result.groups
        cached = entry.cached
        fetchedAt = HeadlessOutput.timestamp(entry.fetchedAt)
    }
}
