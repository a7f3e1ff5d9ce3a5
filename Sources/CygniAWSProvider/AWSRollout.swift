import Foundation

/// What the provider knows of one rollout beyond the engine's state: the service's wiring, the
/// new version's task definition and task set (or, for a service ECS deploys itself, its
/// deployment), and where its reads have got to. Codable: it is committed with the engine's
/// state, so a restart (or another replica) carries on from it.
public struct AWSRollout: Equatable, Sendable, Codable {
    public var id: String
    public var layout: ServiceLayout
    public var newTaskDefinition: String
    public var externalID: String
    /// Set for a service ECS deploys itself (BLUE_GREEN, LINEAR, CANARY): the deployment cygnid
    /// started and judges at its PAUSE hooks. Nil for task sets.
    public var serviceDeployment: ServiceDeploymentTrack?
    /// Set once CreateTaskSet answered.
    public var canaryTaskSetARN: String?
    public var canaryTaskSetID: String?
    /// Set once the provider deleted a fleet itself, so its absence is not someone else's doing.
    public var canaryDeleted = false
    public var stableDeleted = false
    /// The last whole minute of ALB metrics already given to the engine.
    public var metricsReadThrough: Date
    /// Stopped tasks already reported, newest last, bounded.
    public var stoppedTasksSeen: [String]
    /// When the service and listeners were last compared with what the engine expects.
    public var lastOutsideCheck: Date?
    /// When the task sets and their stopped tasks were last read.
    public var lastHealthRead: Date?
    /// When target health was last read.
    public var lastTargetHealthRead: Date?
    /// Where the weighted forward is, as last found; nil until the first read looks.
    public var trafficSites: [TrafficSiteAddress]?

    static let stoppedTasksKept = 500

    /// The CreateTaskSet client token: the same for every try of this rollout (at most 36 ASCII
    /// characters), so a repeat after a lost answer or a crash returns the same task set.
    public var clientToken: String { String("cygnid-\(id)".prefix(36)) }
}
