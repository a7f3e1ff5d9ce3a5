import CygniModel

/// What the provider saw on the infrastructure that the engine did not ask for: someone moved
/// traffic or deleted a fleet directly (the break-glass path), so the engine's plan no longer
/// describes the world. The engine records it and stops acting on the rollout.
public struct OutsideChange: Equatable, Sendable, Codable {
    /// The split the provider read.
    public var traffic: TrafficSplit
    /// Whether the new version's fleet is gone.
    public var canaryGone: Bool
    /// Whether the old version's fleet is gone.
    public var stableGone: Bool
    /// What was seen, for the audit: the listener's weights, which fleets exist.
    public var detail: String

    public init(traffic: TrafficSplit, canaryGone: Bool = false, stableGone: Bool = false, detail: String) {
        self.traffic = traffic
        self.canaryGone = canaryGone
        self.stableGone = stableGone
        self.detail = detail
    }
}
