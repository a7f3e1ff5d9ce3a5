import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Test func probe() async {
    for scenario in Scenario.allCases {
        for seed: UInt64 in [1, 2] {
            let clock = ContinuousClock()
            let began = clock.now
            let world = SandboxWorld(configuration: SandboxConfiguration(seed: seed, scenario: scenario))
            let built = clock.now
            await world.advance(to: 1800)
            let done = clock.now
            let rollouts = await world.rollouts()
            if let r = rollouts.first {
                print(scenario.rawValue, seed, r.phase, r.verdict, r.traffic.canary, r.reason ?? "-", "init", built - began, "run", done - built)
                if seed == 1 { for e in r.events { print("   ", Int(e.time.timeIntervalSince(SandboxConfiguration.defaultStart)), e.kind, e.actor, e.message) } }
            }
            if seed == 1 {
                for slo in await world.slos() where slo.service == "checkout" {
                    print("  slo", slo.name, slo.sli, slo.budgetRemaining, slo.alert, slo.burnRates.map { "\($0.windows) \($0.short) \($0.long)" })
                }
                print("  counts", await world.bufferCounts())
            }
        }
    }
}
