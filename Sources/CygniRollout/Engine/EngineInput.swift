import CygniModel
import Foundation

/// Everything that can happen to a rollout: time passing, something observed, someone asking.
public enum EngineInput: Equatable, Sendable, Codable {
    /// Only time passed.
    case tick
    case fleetHealth(FleetHealth)
    case taskEvents([TaskEvent])
    case metrics(MetricWindow)
    /// The service's SLO counts from before the rollout, oldest first, sent right after `start`:
    /// the service-level trackers count them, the per-side ones (about this rollout) do not.
    /// Samples later than now, or older than something already counted, are left out: the trackers
    /// file counts in time order.
    case sloHistory([SLOCountSample])
    /// The provider ran a pre-traffic hook asked for with `ProviderCommand.runHook`.
    case hookFinished(name: String, succeeded: Bool, detail: String?)
    case command(RolloutCommand)
    /// The provider saw traffic or fleets changed by someone else: the rollout ends there.
    case outsideChange(OutsideChange)
    /// The split the engine asked for reached production only now (ECS's own deployments move
    /// traffic at their own pace, after their stages and hooks): the step bakes from now.
    case trafficArrived(TrafficSplit)
}

/// The state of one version's fleet as the provider sees it.
public struct FleetHealth: Equatable, Sendable, Codable {
    public var version: String
    public var desired: Int
    public var running: Int
    public var healthy: Int

    public init(version: String, desired: Int, running: Int, healthy: Int) {
        self.version = version
        self.desired = desired
        self.running = running
        self.healthy = healthy
    }
}

/// What one version served over a span of time: counts for SLOs and thresholds, and
/// datapoints per metric name for the canary judge (see `MetricSpec.errorRate`, `.latency`).
public struct MetricWindow: Equatable, Sendable, Codable {
    public var version: String
    public var start: Date
    public var end: Date
    public var requests: Int
    /// Server errors (5xx).
    public var errors: Int
    /// Requests slower than the latency SLO's threshold.
    public var slowRequests: Int
    public var p99Milliseconds: Double?
    public var samples: [String: [Double]]

    public init(
        version: String, start: Date, end: Date, requests: Int, errors: Int, slowRequests: Int = 0,
        p99Milliseconds: Double? = nil, samples: [String: [Double]] = [:]
    ) {
        self.version = version
        self.start = start
        self.end = end
        self.requests = requests
        self.errors = errors
        self.slowRequests = slowRequests
        self.p99Milliseconds = p99Milliseconds
        self.samples = samples
    }
}
