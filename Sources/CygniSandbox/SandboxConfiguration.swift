import Foundation

/// What makes one sandbox world: the same configuration always tells the same story.
public struct SandboxConfiguration: Sendable, Equatable {
    public var seed: UInt64
    public var scenario: Scenario
    /// Virtual time zero. Fixed by default so that output is reproducible.
    public var start: Date
    /// Finished canaries before the world began, beyond the scenario's own two: long rollout
    /// lists for benchmarks and paging. Nothing else in the world changes with it.
    public var pastRollouts = 0

    /// 2026-11-26T09:00:00Z: a Thursday morning in Europe, when rollouts happen.
    public static let defaultStart = Date(timeIntervalSince1970: 1_795_683_600)

    public init(seed: UInt64 = 42, scenario: Scenario = .canaryFail, start: Date = SandboxConfiguration.defaultStart) {
        self.seed = seed
        self.scenario = scenario
        self.start = start
    }

    /// How the status line names this source: "sandbox seed 42 canary-fail".
    public var label: String { "sandbox seed \(seed) \(scenario.rawValue)" }
}
