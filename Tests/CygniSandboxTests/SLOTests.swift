import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("SLOs")
struct SLOTests {
    @Test("every service has availability 99.9% and latency 99% objectives with the four window pairs")
    func shape() async {
        let world = makeWorld(.steady)
        await world.advance(to: 60)
        let slos = await world.slos()
        #expect(slos.count == 10)
        for slo in slos {
            #expect(slo.objective == (slo.kind == .availability ? 0.999 : 0.99))
            #expect(slo.burnRates.map(\.windows) == ["5m/1h", "30m/6h", "2h/1d", "6h/3d"])
            #expect(slo.burnRates.map(\.threshold) == [14.4, 6, 3, 1])
            #expect(slo.windowDays == 30)
            // A quiet day: no alert, some budget spent by a past incident, none overspent.
            #expect(slo.alert == .ok)
            #expect(slo.budgetRemaining > 0.1 && slo.budgetRemaining < 1)
            #expect(slo.sli > slo.objective)
            #expect(!slo.lowTraffic)
        }
    }

    @Test("burn rate is the error ratio over the budget")
    func burnRate() {
        #expect(abs(SLOCalculator.burnRate(bad: 144, total: 10_000, objective: 0.999) - 14.4) < 1e-9)
        #expect(SLOCalculator.burnRate(bad: 0, total: 0, objective: 0.999) == 0)
    }

    @Test("a few requests an hour are flagged as low traffic and never page")
    func lowTraffic() {
        var history = ServiceHistory()
        for _ in 0..<60 { history.append(minute: RequestCounts(total: 2, errors: 1, slow: 0)) }
        let status = SLOCalculator.status(service: "tiny", kind: .availability, history: history)
        #expect(status.lowTraffic)
        #expect(status.alert == .ticket)
        #expect(status.burnRates[0].isFiring)
    }
}

@Suite("Latency")
struct LatencyTests {
    @Test("p99 by nearest rank without sorting everything")
    func percentile() {
        let samples = (1...1_000).map(Double.init).reversed()
        #expect(LatencyMath.percentile99(of: Array(samples)) == 990)
        #expect(LatencyMath.percentile99(of: [5]) == 5)
        #expect(LatencyMath.percentile99(of: []) == nil)
        let ties = [Double](repeating: 7, count: 300) + [1, 2, 3]
        #expect(LatencyMath.percentile99(of: ties) == 7)
        let spread = (0..<1_800).map { Double(($0 * 7_919) % 1_800) }
        #expect(LatencyMath.percentile99(of: spread) == spread.sorted()[1_781])
    }

    @Test("the log-normal tail above a threshold")
    func tail() {
        // At the median, half is above; far above, almost nothing.
        #expect(abs(LatencyMath.shareAbove(45, median: 45, sigma: 0.6) - 0.5) < 1e-6)
        #expect(LatencyMath.shareAbove(300, median: 45, sigma: 0.6) < 0.001)
    }
}

@Suite("Portable math")
struct PortableMathTests {
    @Test("agrees with the C library to within a few units in the last place")
    func agreesWithLibm() {
        for x in stride(from: -30.0, through: 30.0, by: 0.37) {
            #expect(abs(PortableMath.exp(x) - Foundation.exp(x)) <= 4 * Foundation.exp(x).ulp)
            #expect(abs(PortableMath.cos(x / 5) - Foundation.cos(x / 5)) < 1e-14)
        }
        for x in [1e-300, 1e-9, 0.001, 0.5, 0.999, 1, 1.5, 2, 10, 300, 45, 1e9, 1e300] {
            #expect(abs(PortableMath.log(x) - Foundation.log(x)) <= 4 * max(Foundation.log(x).ulp, 1e-16))
        }
        for x in stride(from: -4.0, through: 6.0, by: 0.25) {
            #expect(abs(PortableMath.erfc(x) - Foundation.erfc(x)) < 2e-7)
        }
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.exp(-1_000) == 0)
        #expect(PortableMath.power(of: 10, 3) == 1_000)
    }
}
