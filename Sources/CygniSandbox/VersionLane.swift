import CygniModel
import Foundation

/// One version of a service in one region: how it behaves, its tasks and its recent metrics.
struct VersionLane: Equatable, Sendable {
    var profile: VersionProfile
    var fleet: Fleet
    var metrics = VersionMetrics()

    var version: String { profile.version }
}

/// What one lane did in one second, for the SLO counts, the traces and the logs.
struct LaneSecond: Equatable, Sendable {
    var requests = 0
    var errors = 0
    /// Requests slower than the latency objective's threshold.
    var slow = 0
    /// Set when the lane took traffic but had no healthy task: the load balancer answered 503.
    var noHealthyTargets = false
}
