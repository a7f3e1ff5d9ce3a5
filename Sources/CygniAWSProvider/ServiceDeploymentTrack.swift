import Foundation
import CygniModel

/// What cygnid keeps of an ECS deployment it drives: which deployment is ours, which PAUSE hooks
/// it already answered, and whether it asked ECS to roll back, so a change ECS shows that cygnid
/// did not ask for is told apart as someone else's.
public struct ServiceDeploymentTrack: Equatable, Sendable, Codable {
    /// ECS's production shifts, percent on the new revision, in order (the last is 100): what
    /// the weight ECS shows must reach for each of the engine's steps.
    public var shifts: [Double]
    /// When the rollout was prepared: a deployment of the same revision begun before it is not ours.
    public var preparedAt: Date
    /// Set once UpdateService started the deployment and it was found.
    public var deploymentARN: String?
    /// Hooks continued (or rolled back) by cygnid, newest last.
    public var answeredHooks: [String] = []
    /// Set once cygnid asked ECS to roll back (StopServiceDeployment or a hook's ROLLBACK).
    public var rollbackRequested = false
    /// The deployment as ECS said it at the last read, shown with the rollout.
    public var report: ECSDeploymentReport?

    static let answeredHooksKept = 200

    public init(shifts: [Double], preparedAt: Date) {
        self.shifts = shifts
        self.preparedAt = preparedAt
    }

    mutating func answered(_ hookID: String) {
        answeredHooks = Array((answeredHooks + [hookID]).suffix(Self.answeredHooksKept))
    }
}
