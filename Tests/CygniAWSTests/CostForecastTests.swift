import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// GetCostForecast documents (recorded, see Recorded/README.md) and the month-end window.
struct CostForecastTests {
    @Test func aMonthlyForecastHasItsTotalAndInterval() throws {
        let forecast = try #require(CostForecast(try Recorded.json("ce-get-cost-forecast-monthly"), start: "2026-11-26", end: "2026-12-01", predictionIntervalLevel: 80))
        #expect(forecast.amount == 412.3345617063)
        #expect(forecast.currency == "USD")
        #expect(forecast.lower == 380.1022451907)
        #expect(forecast.upper == 444.5668782219)
        #expect(forecast.predictionIntervalLevel == 80)
        #expect(forecast.periods.count == 1)
        #expect(forecast.start == "2026-11-26")
    }

    @Test func dailyBoundsAreSummed() throws {
        let forecast = try #require(CostForecast(try Recorded.json("ce-get-cost-forecast-daily"), start: "2026-11-28", end: "2026-12-01", predictionIntervalLevel: 80))
        #expect(forecast.amount == 41.25)
        #expect(forecast.lower == 36)
        #expect(forecast.upper == 46.5)
        #expect(forecast.periods.map(\.start) == ["2026-11-28", "2026-11-29", "2026-11-30"])
    }

    @Test func partialAndEmptyAnswers() throws {
        #expect(CostForecast(["ForecastResultsByTime": []], start: "a", end: "b", predictionIntervalLevel: 80) == nil)
        #expect(CostForecast(["Total": ["Amount": "NaN"]], start: "a", end: "b", predictionIntervalLevel: 80) == nil)
        let noTotal = try #require(CostForecast(
            ["ForecastResultsByTime": [["MeanValue": "2.5"], ["MeanValue": "1.5", "PredictionIntervalLowerBound": "1"]]],
            start: "a", end: "b", predictionIntervalLevel: 80
        ))
        #expect(noTotal.amount == 4)
        #expect(noTotal.lower == nil)
        #expect(noTotal.upper == nil)
        let noInterval = try #require(CostForecast(["Total": ["Amount": "7", "Unit": "EUR"]], start: "a", end: "b", predictionIntervalLevel: nil))
        #expect(noInterval.currency == "EUR")
        #expect(noInterval.periods.isEmpty)
    }

    func date(_ text: String) -> Date {
        Timestamp.parseISO8601(text)!
    }

    @Test func theWindowRunsFromTodayToTheFirstOfNextMonthInUTC() {
        #expect(ForecastWindow.restOfMonth(now: date("2026-11-26T09:03:10Z")) == ForecastWindow(start: "2026-11-26", end: "2026-12-01"))
        #expect(ForecastWindow.restOfMonth(now: date("2026-12-01T00:00:00Z")) == ForecastWindow(start: "2026-12-01", end: "2027-01-01"))
        #expect(ForecastWindow.restOfMonth(now: date("2028-02-28T23:59:59Z")) == ForecastWindow(start: "2028-02-28", end: "2028-03-01"))
        #expect(ForecastWindow.restOfMonth(now: date("2026-12-30T12:00:00Z")) == ForecastWindow(start: "2026-12-30", end: "2027-01-01"))
    }

    @Test func theLastDayOfTheMonthHasNoWindow() {
        #expect(ForecastWindow.restOfMonth(now: date("2026-11-30T00:00:00Z")) == nil)
        #expect(ForecastWindow.restOfMonth(now: date("2028-02-29T18:00:00Z")) == nil)
        #expect(ForecastWindow.restOfMonth(now: date("2026-12-31T23:59:59Z")) == nil)
    }

    @Test func theLastDayIsSkippedWithAReasonAndNoRequest() async {
        let unreachable = AWSClient(configuration: AWSConfiguration(
            region: "us-east-1", credentials: .fixed(Credentials(accessKeyID: "AKIDTEST", secretAccessKey: "never-used")),
            endpointURL: "http://127.0.0.1:9"
        ))
        let outcome = await MonthEndForecast.fetch(CostExplorerClient(unreachable), now: date("2026-11-30T10:00:00Z"), deadline: 5)
        #expect(outcome.forecast == nil)
        #expect(outcome.unavailable == "today is the last day of the month: no days left to forecast")
    }
}
