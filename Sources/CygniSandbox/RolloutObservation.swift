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
    /// The service's last hour in the rollout's region before this second, as one window under
    /// no version: the engine's burn windows start full, not empty, so a few bad seconds do not
    /// page on their own.
    var serviceHistory: MetricWindow
}

/// One side of the split as the world sees it.
struct SideObservation: Sendable {
    var version: String
    var healthyTasks: Int
    var liveTasks: Int
    var totals: RequestCounts
    var metrics: VersionMetrics
}
