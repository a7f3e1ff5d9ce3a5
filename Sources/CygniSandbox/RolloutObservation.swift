import CygniModel
import Foundation

/// What the world saw during one second of a rollout.
struct RolloutObservation: Sendable {
    var second: Int
    var time: Date
    var stable: SideObservation
    var canary: SideObservation
    /// Task events of the rollout's deployment during this second.
    var taskEvents: [TaskEvent]
    /// When tasks of the new version were OOM-killed, newest last (seconds since start).
    var canaryOutOfMemoryKills: [Int]
    /// The availability SLO's fast-burn windows, when evaluated this second.
    var availabilityBurn: BurnObservation?
}

/// One side of the split as the world sees it.
struct SideObservation: Sendable {
    var version: String
    var healthyTasks: Int
    var liveTasks: Int
    var totals: RequestCounts
    var metrics: VersionMetrics
}

/// The fast-burn window pairs of an SLO, short and long, with the thresholds that page.
struct BurnObservation: Sendable, Equatable {
    struct Pair: Sendable, Equatable {
        var windows: String
        var short: Double
        var long: Double
        var threshold: Double

        var isFiring: Bool { short >= threshold && long >= threshold }
    }

    var sloName: String
    var objective: Double
    var pairs: [Pair]
    var lowTraffic: Bool
}
