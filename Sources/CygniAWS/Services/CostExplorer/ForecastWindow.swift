import Foundation

/// The period `cx cost` forecasts: from today to the end of the month, in UTC as Cost Explorer
/// counts days. AWS refuses a start in the past and an empty period.
public struct ForecastWindow: Sendable, Equatable {
    /// "2026-11-26", inclusive.
    public var start: String
    /// The first day of next month: exclusive.
    public var end: String

    /// Nil on the month's last day: the only day left is today, whose spend Cost Explorer already
    /// reports (estimated) with the actuals, so there is nothing worth a paid request.
    public static func restOfMonth(now: Date) -> ForecastWindow? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        guard let month = calendar.dateInterval(of: .month, for: today),
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: today), tomorrow < month.end
        else { return nil }
        return ForecastWindow(start: CostExplorerClient.day(today), end: CostExplorerClient.day(month.end))
    }
}
