import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("SLO history before the rollout")
struct SLOHistoryTests {
    let start = Date(timeIntervalSinceReferenceDate: 700_000_000)

    /// 27 days at 0.05% errors with a day at 2% (an incident), then three days of minutes at 0.05%.
    func history() -> [SLOCountSample] {
        let minutesStart = start.addingTimeInterval(-3 * 86_400)
        let days = (0..<27).map { day in
            let end = minutesStart.addingTimeInterval(-Double(26 - day) * 86_400)
            let requests = 1_440_000.0
            return SLOCountSample(
                time: end.addingTimeInterval(-1), requests: requests, errors: requests * (day == 10 ? 0.002 : 0.0005),
                slowRequests: 0)
        }
        let minutes = (0..<(3 * 1_440)).map { minute in
            SLOCountSample(
                time: minutesStart.addingTimeInterval(Double(minute) * 60 + 59), requests: 1_000, errors: 0.5, slowRequests: 2)
        }
        return days + minutes
    }

    @Test func budgetAndLongWindowsRestOnTheHistory() throws {
        var driver = try Driver(.canary(), at: start)
        driver.send(.sloHistory(history()))
        let availability = try #require(driver.state.sloStatuses.first)
        // bad / total over the 30 days, against a 0.1% budget.
        let total = 30 * 1_440_000.0
        let quietDays: Double = 26 * 1_440_000 * 0.0005
        let incident: Double = 1_440_000 * 0.002
        let minutes: Double = 3 * 1_440 * 0.5
        let bad = quietDays + incident + minutes
        #expect(abs(availability.budgetRemaining - (1 - bad / total / 0.001)) < 1e-9)
        // Every window, up to three days, is full of minutes at 0.05% errors: a 0.5x burn.
        for rate in availability.burnRates {
            #expect(abs(rate.short - 0.5) < 1e-9 && abs(rate.long - 0.5) < 1e-9)
        }
        #expect(!availability.lowTraffic && availability.alert == .ok)
        let latency = try #require(driver.state.sloStatuses.last)
        // Two slow requests per thousand against a 1% budget, kept apart from the errors.
        for rate in latency.burnRates { #expect(abs(rate.long - 0.2) < 1e-9) }
    }

    @Test func sidesStayAboutTheRollout() throws {
        var driver = try Driver(.canary(), at: start)
        // A burning hour before the rollout: the service burns, but neither version served it.
        let burning = (0..<60).map { minute in
            SLOCountSample(time: start.addingTimeInterval(Double(minute - 60) * 60 + 59), requests: 1_000, errors: 100, slowRequests: 0)
        }
        driver.send(.sloHistory(burning))
        #expect(driver.state.burn.firstPageFiring != nil)
        for side in [Side.stable, .canary] {
            #expect(driver.state.burn.sideBurn(side, slo: 0, pair: "5m/1h") == 0)
            #expect(driver.state.burn.sideBurn(side, slo: 0, pair: "30m/6h") == 0)
        }
    }

    @Test func historyAfterLiveCountsOrInTheFutureIsLeftOut() throws {
        var driver = try Driver(.canary(), at: start)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 3)
        let before = driver.state.sloStatuses
        driver.send(.sloHistory(history()))
        let future = SLOCountSample(time: driver.now.addingTimeInterval(60), requests: 1_000, errors: 1_000, slowRequests: 0)
        driver.send(.sloHistory([future]))
        #expect(driver.state.sloStatuses == before)
    }

    @Test func stateWithHistoryRoundTripsThroughCodable() throws {
        var driver = try Driver(.canary(), at: start)
        driver.send(.sloHistory(history()))
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 5)
        let restored = try JSONDecoder().decode(EngineState.self, from: JSONEncoder().encode(driver.state))
        #expect(restored == driver.state)
        let input = EngineInput.sloHistory(Array(history().suffix(3)))
        #expect(try JSONDecoder().decode(EngineInput.self, from: JSONEncoder().encode(input)) == input)
    }
}
