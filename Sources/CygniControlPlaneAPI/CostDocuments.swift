import CygniModel
import Foundation

/// `GET /v1/cost`: the Cost pane's report, spend per service and the rollouts' overlap.
public struct CostDocument: Codable, Sendable {
    public var report: CostReport
    public var freshness: Freshness

    public init(report: CostReport, freshness: Freshness) {
        self.report = report
        self.freshness = freshness
    }
}

/// `GET /v1/cost/spend`: `cx cost`'s spend over days by a grouping, with the month-end forecast.
public struct SpendDocument: Codable, Sendable {
    public var usage: CostAndUsage
    public var forecast: MonthEndForecast
    /// When the source answered (cygnid's source may keep answers longer than it does).
    public var fetchedAt: Date
    /// True when the answer was kept from an earlier request (cygnid's or its source's).
    public var cached: Bool
    public var notes: [String]
    public var freshness: Freshness

    public init(usage: CostAndUsage, forecast: MonthEndForecast, fetchedAt: Date, cached: Bool, notes: [String], freshness: Freshness) {
        self.usage = usage
        self.forecast = forecast
        self.fetchedAt = fetchedAt
        self.cached = cached
        self.notes = notes
        self.freshness = freshness
    }
}
