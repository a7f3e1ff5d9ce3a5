import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

/// Outcomes over many seeds, not a tuned few. One seed by default (ScenarioOutcomeTests covers four more) to keep the suite fast;
/// CYGNI_SOAK_SEEDS=30 (about 70 s in debug) or more for the real sweep.
@Suite("Scenario outcomes over a sweep of seeds")
struct SeedSweepTests {
    static let seeds: [UInt64] = {
        let count = ProcessInfo.processInfo.environment["CYGNI_SOAK_SEEDS"].flatMap(Int.init) ?? 1
        return (0..<UInt64(max(1, count))).map { 1_000 + $0 }
    }()

    @Test("each scenario ends the way it must", arguments: [Scenario.blueGreen, .canaryPass, .canaryFail, .canaryMarginal, .sloBurn, .outOfMemory])
    func sweep(scenario: Scenario) async throws {
        for seed in Self.seeds {
            let rollout = try #require(await runToEnd(makeWorld(scenario, seed: seed)), "seed \(seed)")
            switch scenario {
            case .blueGreen, .canaryPass:
                #expect(rollout.phase == .succeeded, "seed \(seed): \(rollout.reason ?? "")")
            case .canaryFail:
                #expect(rollout.phase == .rolledBack && rollout.verdict == .fail, "seed \(seed)")
                #expect(rollout.reason?.contains("error_rate higher on canary") == true, "seed \(seed): \(rollout.reason ?? "")")
            case .canaryMarginal:
                #expect(rollout.phase == .rolledBack && rollout.verdict == .marginal, "seed \(seed): \(rollout.reason ?? "")")
            case .sloBurn:
                #expect(rollout.phase == .rolledBack, "seed \(seed)")
                #expect(rollout.reason?.contains("SLO availability") == true, "seed \(seed): \(rollout.reason ?? "")")
            case .outOfMemory:
                #expect(rollout.phase == .rolledBack, "seed \(seed)")
                #expect(rollout.reason?.contains("crash-looping") == true, "seed \(seed): \(rollout.reason ?? "")")
            case .steady:
                break
            }
        }
    }
}
