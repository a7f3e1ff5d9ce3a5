import CygniClients
import CygniModel
import Foundation

/// `cx cost` on the sandbox: the simulated Fargate spend the ledgers kept, in Cost Explorer's
/// shape, said to be simulated. A reader: no random numbers, no change to the world.
extension WorldState {
    /// The AWS service Fargate tasks are billed under, as Cost Explorer's SERVICE dimension names it.
    static let fargateBillingService = "Amazon Elastic Container Service"
    /// The cost allocation tag AWS puts on the tasks of ECS services.
    static let serviceTag = "aws:ecs:serviceName"

    func spend(_ query: SpendQuery) -> SpendAnswer {
        let today = CostLedger.dayNumber(of: now)
        let firstAsked = today - (query.days - 1)
        // Summed in a fixed order (services as listed, groups as first met): floating-point sums
        // in a dictionary's order would differ in the last digit from run to run.
        var keys: [String] = []
        var daily: [String: [Int: Double]] = [:]
        var firstKept = today
        for (index, spec) in ServiceSpec.all.enumerated() {
            let key = groupKey(of: spec.name, by: query.grouping)
            if daily[key] == nil { keys.append(key) }
            for entry in ledgers[index].entries where entry.day >= firstAsked {
                daily[key, default: [:]][entry.day, default: 0] += entry.amount
                firstKept = min(firstKept, entry.day)
            }
        }
        let dayNumbers = Array(firstKept...today)
        let days = dayNumbers.map { day in
            CostAndUsage.Day(
                date: Self.dayText(day), amount: keys.reduce(0) { $0 + (daily[$1]?[day] ?? 0) }, estimated: day == today)
        }
        let groups = keys.map { key in
            let amounts = daily[key] ?? [:]
            return CostAndUsage.Group(
                key: key, amount: dayNumbers.reduce(0) { $0 + (amounts[$1] ?? 0) },
                daily: Dictionary(uniqueKeysWithValues: dayNumbers.map { (Self.dayText($0), amounts[$0] ?? 0) }))
        }
        .sorted { ($1.amount, $0.key) < ($0.amount, $1.key) }
        let usage = CostAndUsage(
            start: Self.dayText(firstKept), end: Self.dayText(today + 1), currency: "USD",
            total: days.reduce(0) { $0 + $1.amount }, days: days, groups: groups, truncated: false)
        var notes = [
            "sandbox: simulated Fargate spend of \(ServiceSpec.all.count) services in \(Region.all.count) regions at the built-in "
                + "\(FargatePriceTable.region) prices of \(FargatePriceTable.date); no bill is read",
        ]
        if firstKept > firstAsked {
            notes.append("the sandbox keeps \(CostLedger.daysKept) days of spend: --days \(query.days) covers the last \(dayNumbers.count)")
        }
        let forecast = monthEndForecast()
        if forecast.forecast != nil {
            notes.append("forecast: today's spend so far plus each service's current hourly rate to the month's end; no interval")
        }
        return SpendAnswer(usage: usage, forecast: forecast, fetchedAt: now, cached: false, notes: notes)
    }

    /// Each service's current rate carried from now to the month's end, on top of today's spend.
    private func monthEndForecast() -> MonthEndForecast {
        guard let window = ForecastWindow.restOfMonth(now: now) else { return MonthEndForecast(unavailable: MonthEndForecast.lastDayOfMonth) }
        let report = costReport()
        let amount = report.services.reduce(0) { $0 + $1.today + ($1.forecast - $1.monthToDate) }
        return MonthEndForecast(forecast: CostForecast(
            start: window.start, end: window.end, currency: "USD", amount: amount, lower: nil, upper: nil, predictionIntervalLevel: nil,
            periods: [CostForecast.Period(start: window.start, end: window.end, amount: amount, lower: nil, upper: nil)]))
    }

    /// Cost Explorer's group key: the billing service, "aws:ecs:serviceName$checkout", or, for
    /// a tag the sandbox's tasks do not carry, the untagged group "KEY$".
    private func groupKey(of service: String, by grouping: CostGrouping) -> String {
        switch grouping {
        case .service: return Self.fargateBillingService
        case .tag(let key): return key == Self.serviceTag ? "\(key)$\(service)" : "\(key)$"
        }
    }

    private static func dayText(_ day: Int) -> String {
        UTCDay.string(Date(timeIntervalSince1970: Double(day) * 86_400))
    }
}
