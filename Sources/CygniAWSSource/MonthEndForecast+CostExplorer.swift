import CygniAWS
import CygniModel
import Foundation

extension MonthEndForecast {
    /// Asks Cost Explorer for the forecast from today to the month's end, giving up after
    /// `deadline` seconds. Never fails: whatever goes wrong becomes the reason there is none.
    public static func fetch(_ costExplorer: CostExplorerClient, now: Date, deadline: Double) async -> MonthEndForecast {
        guard let window = ForecastWindow.restOfMonth(now: now) else {
            return MonthEndForecast(unavailable: lastDayOfMonth)
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
