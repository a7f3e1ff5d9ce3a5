import Foundation

/// The period `cx cost` forecasts: from today to the end of the month, in UTC as Cost Explorer
/// counts days. AWS refuses a start in the past and an empty period.
public struct ForecastWindow: Sendable, Equatable {
    /// "2026-11-26", inclusive.
    public var start: String
    /// The first day of next month: exclusive.
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// Nil on the month's last day: the only day left is today, whose spend Cost Explorer already
    /// reports (estimated) with the actuals, so there is nothing worth a paid request.
    public static func restOfMonth(now: Date) -> ForecastWindow? {
        let calendar = UTCDay.calendar
        let today = calendar.startOfDay(for: now)
        guard let month = calendar.dateInterval(of: .month, for: today),
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: today), tomorrow < month.end
        else { return nil }
        return ForecastWindow(start: UTCDay.string(today), end: UTCDay.string(month.end))
    }
}
