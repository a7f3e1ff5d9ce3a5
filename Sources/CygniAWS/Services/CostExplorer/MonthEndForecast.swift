import Foundation

/// What `cx cost` says about the rest of the month: Cost Explorer's forecast with its 80%
/// interval, or one line on why there is none. Spend is worth showing without it, so fetching
/// never fails.
public struct MonthEndForecast: Sendable, Equatable, Codable {
    public var forecast: CostForecast?
    /// Set exactly when `forecast` is nil.
    public var unavailable: String?

    public init(forecast: CostForecast) {
        self.forecast = forecast
        unavailable = nil
    }

    public init(unavailable reason: String) {
        forecast = nil
        unavailable = reason
    }

    public static let intervalLevel = 80

    /// Asks for the forecast from today to the month's end, giving up after `deadline` seconds.
    public static func fetch(_ costExplorer: CostExplorerClient, now: Date, deadline: Double) async -> MonthEndForecast {
        guard let window = ForecastWindow.restOfMonth(now: now) else {
            return MonthEndForecast(unavailable: "today is the last day of the month: no days left to forecast")
        }
        do {
            let answer = try await withDeadline(seconds: deadline) {
                try await costExplorer.costForecast(window, granularity: .monthly, predictionIntervalLevel: intervalLevel)
            }
            guard let answer else { return MonthEndForecast(unavailable: UnavailableReason.timedOut("Cost Explorer", seconds: deadline)) }
            return MonthEndForecast(forecast: answer)
        } catch let error as AWSError where error.code == "DataUnavailableException" {
            return MonthEndForecast(unavailable: "Cost Explorer has too little history to forecast (DataUnavailableException)")
        } catch {
            return MonthEndForecast(unavailable: UnavailableReason.describe(error, service: "Cost Explorer", operation: "ce:GetCostForecast"))
        }
    }
}
