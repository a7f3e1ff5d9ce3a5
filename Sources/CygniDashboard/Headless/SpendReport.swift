import CygniClients
import CygniModel
import CygniTerminal
import Foundation

/// `cx cost`: the figures at the top level, the month-end forecast (null, with the reason in
/// "forecastUnavailable", when there is none), whether they came from a cache, and notes on how
/// they were made.
public struct SpendReport: Encodable, Sendable {
    public var total: Double
    public var currency: String
    public var start: String
    public var end: String
    public var days: [CostAndUsage.Day]
    public var groups: [CostAndUsage.Group]
    public var forecast: JSONNullable<CostForecast>
    public var forecastUnavailable: JSONNullable<String>
    public var cached: Bool
    public var fetchedAt: String
    /// The source had more pages than it reads (each Cost Explorer page costs $0.01): the
    /// figures are partial.
    public var truncated: Bool
    public var notes: [String]
    /// What the process behind the command has asked AWS for; null when its source could not say.
    public var awsUsage: JSONNullable<AWSUsageSummary>

    private let fetchedDate: Date

    private enum CodingKeys: String, CodingKey {
        case total, currency, start, end, days, groups, forecast, forecastUnavailable, cached, fetchedAt, truncated, notes, awsUsage
    }

    /// `usageUnavailable`: why the usage could not be read, said as a note (the field is null).
    public init(_ answer: SpendAnswer, awsUsage: AWSUsageReport? = nil, usageUnavailable: String? = nil) {
        self.awsUsage = JSONNullable(awsUsage.map(AWSUsageSummary.init))
        let usage = answer.usage
        total = usage.total
        currency = usage.currency
        start = usage.start
        end = usage.end
        days = usage.days
        groups = usage.groups
        forecast = JSONNullable(answer.forecast.forecast)
        forecastUnavailable = JSONNullable(answer.forecast.forecast == nil ? (answer.forecast.unavailable ?? "not asked") : nil)
        cached = answer.cached
        fetchedDate = answer.fetchedAt
        fetchedAt = HeadlessOutput.timestamp(answer.fetchedAt)
        truncated = usage.truncated ?? false
        notes = answer.notes
        if awsUsage == nil, let usageUnavailable { notes.append("AWS usage unavailable: \(usageUnavailable)") }
    }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    /// The figures for people; `now` dates the cache's age.
    public func text(now: Date) -> String {
        let age = cached ? " (cached \(Int(now.timeIntervalSince(fetchedDate) / 60)) min ago)" : ""
        var lines = ["total \(Sanitizer.clean(money(total))) from \(Sanitizer.clean(start)) to \(Sanitizer.clean(end)) (end exclusive)\(age)"]
        lines.append(forecastLine)
        if truncated {
            lines.append("note: Cost Explorer had more pages than cx reads (each costs $0.01); the figures above are partial: narrow --days")
        }
        lines += notes.map { "note: \(Sanitizer.clean($0))" }
        lines.append(TextTable.render([["GROUP", "SPEND"]] + groups.map { [$0.key, money($0.amount)] }, rightAligned: [1]))
        lines.append(TextTable.render(
            [["DAY", "SPEND"]] + days.map { [$0.date + ($0.estimated ? " (estimated)" : ""), money($0.amount)] }, rightAligned: [1]))
        lines += awsUsage.value?.lines ?? []
        return lines.joined(separator: "\n")
    }

    /// "forecast to month end: $412.33 (80%: $380.10–$445.90) ..." or why there is none.
    public var forecastLine: String {
        guard let forecast = forecast.value else {
            return "forecast unavailable: \(Sanitizer.clean(forecastUnavailable.value ?? "not asked"))"
        }
        func amount(_ value: Double) -> String {
            forecast.currency == "USD" ? String(format: "$%.2f", value) : String(format: "%.2f %@", value, Sanitizer.clean(forecast.currency))
        }
        var line = "forecast to month end: \(amount(forecast.amount))"
        if let lower = forecast.lower, let upper = forecast.upper, let level = forecast.predictionIntervalLevel {
            line += " (\(level)%: \(amount(lower))–\(amount(upper)))"
        }
        return line + " from \(Sanitizer.clean(forecast.start)) to \(Sanitizer.clean(forecast.end)) (end exclusive)"
    }

    private func money(_ amount: Double) -> String {
        String(format: "%.2f %@", amount, currency)
    }
}
