import CygniAWS
import CygniModel
import Foundation

/// Spend per ECS service, read from Cost Explorer grouped by the `aws:ecs:serviceName` cost
/// allocation tag (AWS puts it on the tasks of services with tag propagation once it is
/// activated in Billing; spend without it is not an ECS service's and is left out).
struct ServiceSpend {
    static let tagKey = "aws:ecs:serviceName"
    /// Complete days the forecast's daily rate is taken from.
    static let rateDays = 7

    /// UTC days as Cost Explorer names them.
    struct Calendar {
        /// "2026-11-27"
        var today: String
        var monthStart: String
        /// Every day asked for, oldest first, today last.
        var days: [String]
        /// Days of the month still to be spent, today included.
        var daysLeft: Int
        /// The period to ask for: the first day, and tomorrow (exclusive).
        var start: Date
        var end: Date

        /// From the first of the month, or two weeks back when the month is younger, so the
        /// daily chart has something to draw on the 1st.
        init(now: Date) {
            var calendar = Foundation.Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let start = calendar.startOfDay(for: now)
            let month = calendar.dateInterval(of: .month, for: start) ?? DateInterval(start: start, duration: 86_400)
            let first = min(month.start, start.addingTimeInterval(-13 * 86_400))
            days = stride(from: first.timeIntervalSince1970, through: start.timeIntervalSince1970, by: 86_400)
                .map { CostExplorerClient.day(Date(timeIntervalSince1970: $0)) }
            today = CostExplorerClient.day(start)
            monthStart = CostExplorerClient.day(month.start)
            daysLeft = max(1, Int((month.end.timeIntervalSince(start) / 86_400).rounded()))
            self.start = first
            end = start.addingTimeInterval(86_400)
        }
    }

    /// The service a group key names: "aws:ecs:serviceName$checkout" -> checkout; nil for the
    /// untagged rest ("aws:ecs:serviceName$").
    static func service(ofKey key: String) -> String? {
        let value = key.split(separator: "$", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? key
        return value.isEmpty ? nil : value
    }

    /// Each tagged service's spend, largest month to date first. `remaining` is Cost Explorer's
    /// forecast of the tagged services' spend from today to the month's end; it is shared out by
    /// each service's part of the last week's spend. Without it, each service's own average day
    /// of the last week is carried to the month's end.
    static func services(_ usage: CostAndUsage, calendar: Calendar, remaining: Double?) -> [ServiceCost] {
        let recentDays = calendar.days.filter { $0 < calendar.today }.suffix(rateDays)
        var spends: [(cost: ServiceCost, recent: Double, recentDays: Int)] = []
        for group in usage.groups {
            guard let service = service(ofKey: group.key) else { continue }
            let daily = calendar.days.map { group.daily?[$0] ?? 0 }
            let byDay = Dictionary(uniqueKeysWithValues: zip(calendar.days, daily))
            let today = byDay[calendar.today] ?? 0
            let monthToDate = calendar.days.filter { $0 >= calendar.monthStart }.reduce(0) { $0 + (byDay[$1] ?? 0) }
            let recent = recentDays.reduce(0) { $0 + (byDay[$1] ?? 0) }
            spends.append((ServiceCost(service: service, today: today, monthToDate: monthToDate, forecast: 0, daily: daily), recent, recentDays.count))
        }
        let recentTotal = spends.reduce(0) { $0 + $1.recent }
        return spends.map { spend in
            var cost = spend.cost
            let before = cost.monthToDate - cost.today
            if let remaining, recentTotal > 0 {
                cost.forecast = before + remaining * spend.recent / recentTotal
            } else {
                let rate = spend.recentDays > 0 ? spend.recent / Double(spend.recentDays) : cost.today
                // Today ends at least where it stands; the days after it at the week's rate.
                cost.forecast = before + max(rate, cost.today) + rate * Double(calendar.daysLeft - 1)
            }
            return cost
        }
        .sorted { ($1.monthToDate, $0.service) < ($0.monthToDate, $1.service) }
    }
}
