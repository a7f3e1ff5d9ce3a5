import CygniModel
import CygniRollout
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
    /// The service's SLO counts up to this second, in the rollout's region, for the engine to start
    /// from (see `SLOHistoryFeed`); empty once the engine has started, as it is told them once.
    var sloHistory: [SLOCountSample]
}

/// One side of the split as the world sees it.
struct SideObservation: Sendable {
    var version: String
    var healthyTasks: Int
    var liveTasks: Int
    var totals: RequestCounts
    var metrics: VersionMetrics
}
