import CygniModel
import Foundation

/// What one service spent per UTC day over the last thirty days, today last.
struct CostLedger: Equatable, Sendable {
    static let daysKept = 30

    private(set) var days: [Double]
    /// Days since 1970 of the last entry.
    private var today: Int

    init(pastDays: [Double], spentToday: Double, at time: Date) {
        days = Array((pastDays + [spentToday]).suffix(Self.daysKept))
        today = Self.dayNumber(of: time)
    }

    static func dayNumber(of time: Date) -> Int {
        Int((time.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    mutating func accrue(_ dollars: Double, at time: Date) {
        let day = Self.dayNumber(of: time)
        while today < day {
            days.append(0)
            if days.count > Self.daysKept { days.removeFirst() }
            today += 1
        }
        days[days.count - 1] += dollars
    }

    /// Each day kept, oldest first, as days since 1970 with what was spent on it.
    var entries: [(day: Int, amount: Double)] {
        days.enumerated().map { offset, amount in (today - (days.count - 1 - offset), amount) }
    }

    /// `hourly` is what the service costs per hour right now, for the forecast.
    func report(service: String, at time: Date, hourly: Double) -> ServiceCost {
        let calendar = Self.utcCalendar
        let month = calendar.dateComponents([.year, .month], from: time)
        var monthToDate = 0.0
        for (offset, spend) in days.enumerated() {
            let dayStart = Date(timeIntervalSince1970: Double(today - (days.count - 1 - offset)) * 86_400)
            if calendar.dateComponents([.year, .month], from: dayStart) == month { monthToDate += spend }
        }
        let monthStart = calendar.date(from: month) ?? time
        let nextMonth = calendar.date(byAdding: .month, value: 1, to: monthStart) ?? time
        let hoursLeft = max(0, nextMonth.timeIntervalSince(time) / 3_600)
        return ServiceCost(
            service: service, today: days.last ?? 0, monthToDate: monthToDate,
            forecast: monthToDate + hourly * hoursLeft, daily: days)
    }

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
