import CygniModel
import Foundation

/// The spend `cx cost` reports: the last `days` UTC days, today included, grouped.
public struct SpendQuery: Equatable, Sendable {
    public var days: Int
    public var grouping: CostGrouping
    /// Ask again even when a recent answer is kept (a source whose answers cost money keeps them).
    public var refresh: Bool

    public init(days: Int, grouping: CostGrouping, refresh: Bool = false) {
        self.days = days
        self.grouping = grouping
        self.refresh = refresh
    }
}

/// Spend over the days asked for and the forecast to the month's end, with where they came from.
public struct SpendAnswer: Equatable, Sendable {
    public var usage: CostAndUsage
    public var forecast: MonthEndForecast
    /// When the source answered: the time of the world it reads (virtual in the sandbox).
    public var fetchedAt: Date
    /// True when the answer was kept from an earlier request.
    public var cached: Bool
    /// What a reader of the figures should know about them (how they were made, what is missing).
    public var notes: [String]

    public init(usage: CostAndUsage, forecast: MonthEndForecast, fetchedAt: Date, cached: Bool, notes: [String] = []) {
        self.usage = usage
        self.forecast = forecast
        self.fetchedAt = fetchedAt
        self.cached = cached
        self.notes = notes
    }
}

/// Spend over a number of days, by a grouping, with the month-end forecast.
public struct SpendClient: Sendable {
    public var spend: @Sendable (SpendQuery) async throws -> SpendAnswer

    public init(spend: @escaping @Sendable (SpendQuery) async throws -> SpendAnswer) {
        self.spend = spend
    }

    public static func unavailable(_ source: String) -> SpendClient {
        SpendClient { _ in throw ClientError("\(source) does not report spend") }
    }
}
