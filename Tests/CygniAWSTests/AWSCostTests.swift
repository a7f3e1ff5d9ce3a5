import CygniAWSSource
import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniAWS

extension CostCommandTests {
    /// The console's cost pane from Cost Explorer, against answers set for each test's own dates,
    /// through a proxy of its own that counts the paid requests. Nested in CostCommandTests to
    /// share its serialization (the proxy's answers are one for the suite).
    @Suite struct AWSCostClientTests {
        static let proxy = FaultProxy()
        static let spend = "AWSInsightsIndexService.GetCostAndUsage"

        /// A clock the test moves.
        final class TestClock: Sendable {
            private let time: Locked<Date>
            init(_ text: String) { time = Locked(ISO8601DateFormatter().date(from: text)!) }
            var now: Date { time.withLock { $0 } }
            func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        }

        /// A GetCostAndUsage answer for the report asked at `clock`'s time: for each day, spend per
        /// tag value ("" is the untagged rest).
        func answer(_ days: [String: [String: Double]], at clock: TestClock) async throws {
            let periods = days.keys.sorted().map { day in
                let groups = (days[day] ?? [:]).keys.sorted().map { service in
                    #"{"Keys": ["aws:ecs:serviceName$\#(service)"], "Metrics": {"UnblendedCost": {"Amount": "\#(days[day]![service]!)", "Unit": "USD"}}}"#
                }
                return #"{"TimePeriod": {"Start": "\#(day)", "End": "\#(day)"}, "Estimated": false, "Total": {}, "Groups": [\#(groups.joined(separator: ", "))]}"#
            }
            let match = #"{"TimePeriod": {"End": "\#(CostExplorerAnswers.dayAfter(clock.now))"}, "GroupBy": [{"Type": "TAG", "Key": "aws:ecs:serviceName"}]}"#
            try await CostExplorerAnswers.answer(match: match, result: #"{"ResultsByTime": [\#(periods.joined(separator: ", "))]}"#)
        }

        func costClient(_ clock: TestClock) async throws -> CostClient {
            try await Self.proxy.reset()
            let client = try await motoClient(region: "us-east-1", endpoint: try await Self.proxy.endpoint())
            return CostClient.aws(client: client, now: { clock.now })
        }

        func paidRequests(_ target: String = spend) async throws -> [JSONValue] {
            try await Self.proxy.requests().filter { $0["target"]?.string == target }
        }

        func close(_ value: Double?, _ expected: Double) -> Bool {
            value.map { abs($0 - expected) < 1e-9 } ?? false
        }

        @Test func spendPerServiceWithALastWeekForecastCachedForAnHour() async throws {
            let clock = TestClock("2026-10-20T12:00:00Z")
            var days: [String: [String: Double]] = ["2026-10-01": ["checkout": 3], "2026-10-20": ["checkout": 0.5, "payments": 0.25]]
            for day in 13...19 { days["2026-10-\(day)"] = ["checkout": 2, "payments": 1, "": 50] }
            try await answer(days, at: clock)
            let cost = try await costClient(clock)

            let report = try await cost.report()
            #expect(report.services.map(\.service) == ["checkout", "payments"])
            #expect(report.rolloutDeltas.isEmpty)
            let checkout = report.services[0]
            #expect(close(checkout.today, 0.5))
            #expect(close(checkout.monthToDate, 17.5))
            // moto has no forecast: 17 before today, today at least a usual day (2), 11 more days at 2.
            #expect(close(checkout.forecast, 41), "\(checkout.forecast)")
            #expect(checkout.daily.count == 20)
            #expect(checkout.daily.first == 3)
            #expect(checkout.daily.last == 0.5)
            let payments = report.services[1]
            #expect(close(payments.monthToDate, 7.25))
            #expect(close(payments.forecast, 19), "\(payments.forecast)")

            // Asked again within the hour: the same report, no new paid request.
            clock.advance(59 * 60)
            #expect(try await cost.report() == report)
            #expect(try await paidRequests().count == 1)
            clock.advance(2 * 60)
            _ = try await cost.report()
            #expect(try await paidRequests().count == 2)
        }

        @Test func costExplorersForecastIsSharedOutByLastWeeksSpend() async throws {
            let clock = TestClock("2026-09-10T08:00:00Z")
            var days: [String: [String: Double]] = ["2026-08-30": ["checkout": 5], "2026-09-10": ["checkout": 1]]
            for day in 3...9 { days["2026-09-0\(day)"] = ["checkout": 3, "payments": 1] }
            try await answer(days, at: clock)
            let cost = try await costClient(clock)
            try await Self.proxy.answer(target: FaultProxy.getCostForecast, body: try Recorded.text("ce-get-cost-forecast-monthly"))

            let report = try await cost.report()
            let checkout = try #require(report.services.first)
            #expect(checkout.service == "checkout")
            // The month starts on the 1st: August's spend is drawn, not counted.
            #expect(close(checkout.monthToDate, 22))
            #expect(checkout.daily.count == 14)
            #expect(checkout.daily[2] == 5)
            // 412.33 forecast for the rest of the month, three quarters of last week's spend.
            #expect(close(checkout.forecast, 21 + 412.3345617063 * 0.75), "\(checkout.forecast)")
            #expect(close(report.services.last?.forecast, 7 + 412.3345617063 * 0.25))
            let forecast = try #require(try await paidRequests(FaultProxy.getCostForecast).first)
            let filter = try JSONValue.parse(Data((forecast["body"]?.string ?? "").utf8))["Filter"]?["Tags"]
            #expect(filter?["Key"]?.string == "aws:ecs:serviceName")
            #expect(filter?["Values"]?.strings.sorted() == ["checkout", "payments"])
        }

        /// The answer was paid for like any other: it is not asked again for an hour.
        @Test func untaggedSpendOnlyTellsToActivateTheTagAndIsNotAskedAgainForAnHour() async throws {
            let clock = TestClock("2026-08-05T00:30:00Z")
            try await answer(["2026-08-04": ["": 120]], at: clock)
            let cost = try await costClient(clock)
            let error = try await #require(throws: ClientError.self) { try await cost.report() }
            #expect(error.message == "Cost Explorer: no spend tagged aws:ecs:serviceName; activate that cost allocation tag in Billing")
            clock.advance(59 * 60)
            #expect(try await #require(throws: ClientError.self) { try await cost.report() } == error)
            #expect(try await paidRequests().count == 1)
        }
    }
}
