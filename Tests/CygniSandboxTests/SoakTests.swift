import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

/// Outcomes over many seeds. Slow, so off by default: `SANDBOX_SOAK_SEEDS=200 swift test --filter Soak`.
@Suite("Soak", .enabled(if: ProcessInfo.processInfo.environment["SANDBOX_SOAK_SEEDS"] != nil))
struct SoakTests {
    static let seedCount = Int(ProcessInfo.processInfo.environment["SANDBOX_SOAK_SEEDS"] ?? "") ?? 0

    static let expected: [(Scenario, Phase, String)] = [
        (.blueGreen, .succeeded, ""), (.canaryPass, .succeeded, ""), (.canaryFail, .rolledBack, "analysis failed"),
        (.sloBurn, .rolledBack, "SLO checkout availability"), (.outOfMemory, .rolledBack, "crash loop"),
    ]

    @Test("every scenario reaches its outcome for many seeds", arguments: 0..<expected.count)
    func outcomes(index: Int) async {
        let (scenario, phase, reason) = Self.expected[index]
        var misses: [String] = []
        for seed in 1...UInt64(Self.seedCount) {
            let rollout = await runToEnd(makeWorld(scenario, seed: seed &* 2_654_435_761))
            let ok = rollout?.phase == phase && (reason.isEmpty || rollout?.reason?.contains(reason) == true)
                && rollout?.verdict == (phase == .succeeded ? .pass : .fail)
            if !ok { misses.append("seed \(seed): \(rollout?.phase.rawValue ?? "-") \(rollout?.reason ?? "")") }
        }
        #expect(misses.isEmpty, "\(scenario.rawValue): \(misses.joined(separator: "; "))")
    }
}
