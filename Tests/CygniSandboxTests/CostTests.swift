import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Cost")
struct CostTests {
    @Test("0.25 vCPU / 0.5 GB on x86 costs $0.01234 an hour, about $9.01 a 730-hour month")
    func fargateExample() {
        let hourly = FargatePricing.hourly(vCPU: 0.25, memoryGB: 0.5)
        #expect(abs(hourly - 0.01234) < 0.00001)
        #expect(abs(hourly * 730 - 9.01) < 0.01)
    }

    @Test("services report today, month to date, a forecast and thirty days")
    func report() async throws {
        let world = makeWorld(.steady)
        await world.advance(to: 3_600)
        let report = await world.costReport()
        #expect(report.services.map(\.service) == ["checkout", "payments", "catalog", "search", "gateway"])
        let checkout = try #require(report.services.first)
        // 12 tasks of 0.5 vCPU / 1 GB, from midnight to 10:00.
        let hourly = 12 * FargatePricing.hourly(vCPU: 0.5, memoryGB: 1)
        #expect(abs(checkout.today - hourly * 10) < 1e-9)
        #expect(checkout.daily.count == 30)
        #expect(checkout.daily.last == checkout.today)
        // November 1st to 26th: the last 26 entries.
        #expect(abs(checkout.monthToDate - checkout.daily.suffix(26).reduce(0, +)) < 1e-9)
        // Four days and fourteen hours are left in November at 10:00 on the 26th.
        #expect(abs(checkout.forecast - (checkout.monthToDate + hourly * (4 * 24 + 14))) < 1e-6)
        #expect(report.totalForecast > report.totalMonthToDate)
    }

    @Test("a rollout in progress costs the overlap of both fleets")
    func rolloutDelta() async throws {
        let world = makeWorld(.blueGreen)
        await world.advance(to: 200)  // baking: green and blue both run 6 tasks
        let delta = try #require(await world.costReport().rolloutDeltas.first)
        #expect(delta.service == "checkout")
        #expect(delta.extraTasks == 6)
        #expect(abs(delta.perHour - 6 * FargatePricing.hourly(vCPU: 0.5, memoryGB: 1)) < 1e-9)
        #expect(delta.soFar > 0 && delta.soFar < delta.perHour * 200 / 3_600)

        _ = await runToEnd(world)
        #expect(await world.costReport().rolloutDeltas.isEmpty)
    }
}
