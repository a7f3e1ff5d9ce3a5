import CygniAWS
import CygniModel
import Foundation

/// How an ECS service reads as a rollout. Two shapes are recognised:
/// - EXTERNAL task sets (what Cygni's engine creates): the PRIMARY task set is
///   stable, the newest other ACTIVE one the canary, and the ALB weights on their target groups
///   are the split;
/// - ECS rolling deployments: the PRIMARY deployment is new, the ACTIVE one old, and the split
///   is their share of running tasks (no ALB weights are involved).
/// Anything else is steady and not a rollout.
enum RolloutReading {
    /// The two task sets of a rollout, when the service has one.
    static func taskSetPair(_ service: ECSService) -> (stable: ECSTaskSet, canary: ECSTaskSet)? {
        guard service.deploymentController == "EXTERNAL",
            let stable = service.taskSets.first(where: { $0.status == "PRIMARY" }),
            let canary = service.taskSets.filter({ $0.status == "ACTIVE" && $0.id != stable.id })
                .max(by: { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) })
        else { return nil }
        return (stable, canary)
    }


    /// A task-set rollout. `canaryWeight` is the canary's percent of the ALB weights, nil when no
    /// weighted forward names both target groups.
    static func taskSetRollout(
        _ observed: ObservedService, pair: (stable: ECSTaskSet, canary: ECSTaskSet), versions: (stable: String, canary: String),
        canaryWeight: Int?, region: String, now: Date
    ) -> Rollout {
        let service = observed.service
        let blueGreen = [pair.stable.externalID, pair.canary.externalID].contains { ["blue", "green"].contains($0?.lowercased()) }
        let traffic = TrafficSplit(canary: canaryWeight ?? Int(pair.canary.scale.rounded()))
        let phase: Phase
        switch traffic.canary {
        case 0: phase = .provisioning
        case 100: phase = .promoting
        default: phase = .shifting
        }
        let started = pair.canary.createdAt ?? now
        return Rollout(
            id: AWSRolloutID(cluster: observed.cluster, service: service.name, newSide: pair.canary.id).text,
            service: service.name, environment: observed.cluster, region: region,
            strategy: blueGreen ? .blueGreen : .canary, phase: phase,
            fromVersion: versions.stable, toVersion: versions.canary, traffic: traffic, step: 0, steps: [],
            reason: canaryWeight == nil ? "no ALB listener splits traffic between the task sets' target groups; split from task-set scale" : nil,
            startedAt: started, updatedAt: pair.canary.updatedAt ?? started,
            phases: [PhaseRecord(phase: phase, step: 0, start: started)], events: events(service), analysisNote: unjudged
        )
    }

    /// Why a rollout read from AWS has no analysis.
    static let unjudged = "read from AWS directly: no engine judges this rollout here (run it through cygnid for its analysis)"

    /// A rolling deployment in progress (or just ended), when the service has two deployments.
    static func deploymentRollout(_ observed: ObservedService, region: String, now: Date) -> Rollout? {
        let service = observed.service
        guard service.deploymentController == "ECS", let (new, old) = deploymentPair(service) else { return nil }
        let running = new.runningCount + old.runningCount
        let phase: Phase
        switch new.rolloutState {
        case "FAILED": phase = .failed
        case "COMPLETED": phase = .succeeded
        default: phase = .shifting
        }
        let started = new.createdAt ?? now
        return Rollout(
            id: AWSRolloutID(cluster: observed.cluster, service: service.name, newSide: new.id).text,
            service: service.name, environment: observed.cluster, region: region, strategy: .rolling, phase: phase,
            fromVersion: VersionLabel.of(taskDefinitionARN: old.taskDefinition), toVersion: VersionLabel.of(taskDefinitionARN: new.taskDefinition),
            traffic: TrafficSplit(canary: running == 0 ? 0 : Int((Double(new.runningCount) * 100 / Double(running)).rounded())),
            step: 0, steps: [], reason: new.rolloutStateReason, startedAt: started, updatedAt: new.updatedAt ?? started,
            phases: [PhaseRecord(phase: phase, step: 0, start: started)], events: events(service), analysisNote: unjudged
        )
    }

    /// The PRIMARY deployment and the one it replaces: of the ACTIVE deployments running
    /// another task definition, the oldest (a rollback's redeploy leaves the bad version ACTIVE
    /// next to the original, and the original is what "back" means).
    static func deploymentPair(_ service: ECSService) -> (new: ECSDeployment, old: ECSDeployment)? {
        guard let new = service.deployments.first(where: { $0.status == "PRIMARY" }),
            let old = service.deployments.filter({ $0.status == "ACTIVE" && $0.taskDefinition != new.taskDefinition })
                .min(by: { ($0.createdAt ?? .distantFuture) < ($1.createdAt ?? .distantFuture) })
        else { return nil }
        return (new, old)
    }

    /// The service's own event log (newest first from ECS), as Timeline lines, oldest first.
    static func events(_ service: ECSService, limit: Int = 20) -> [TimelineEvent] {
        service.events.prefix(limit).reversed().map { event in
            let text = event.message.lowercased()
            let severity: TimelineEvent.Severity =
                text.contains("unable") || text.contains("failed") || text.contains("unhealthy") ? .warning
                : text.contains("steady state") ? .ok : .info
            return TimelineEvent(time: event.createdAt ?? .distantPast, kind: .info, severity: severity, message: event.message, actor: "ecs")
        }
    }
}
