import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// The engine's commands as ECS's deployment takes them. Every one reads the deployment first,
/// so carrying a command out again (after a crash, a lost answer, or while it waits) asks ECS
/// for nothing twice.
extension ServiceDeploymentProvider {
    /// Carries one engine command out; what it returns is for the engine at once. Throws
    /// `ProviderWaiting` while ECS has not got to where the command acts, and any other error
    /// when AWS did not do it.
    public func carryOut(_ command: ProviderCommand, on rollout: inout AWSRollout, plan: RolloutPlan) async throws -> [EngineInput] {
        guard var track = rollout.serviceDeployment else { throw ProviderError("rollout \(rollout.id) has no ECS deployment to drive") }
        defer { rollout.serviceDeployment = track }
        switch command {
        case .createFleet(let version, _) where version == plan.toVersion:
            try await start(rollout, &track)
            return []
        case .createFleet, .scale, .replaceTask:
            // ECS sizes both revisions and replaces their tasks itself.
            return []
        case .setWeights(let split) where split == .allStable:
            return try await rollBack(rollout, &track, plan: plan)
        case .setWeights(let split):
            return try await shift(to: split, rollout, &track, plan: plan)
        case .deleteFleet(let version):
            return try await finished(rollout, &track, plan: plan, rolledBack: version == plan.toVersion)
        case .runHook(let name, _):
            return [.hookFinished(name: name, succeeded: false, detail: "ECS runs its own lifecycle hooks; cygnid runs none on ECS's deployments")]
        }
    }

    /// UpdateService to the new task definition, once: a service that already names it was
    /// updated by an earlier try, whose deployment is adopted.
    private func start(_ rollout: AWSRollout, _ track: inout ServiceDeploymentTrack) async throws {
        guard track.deploymentARN == nil else { return }
        let layout = rollout.layout
        let ecs = ECSClient(writer)
        guard let service = try await ecs.describeServices(cluster: layout.cluster, services: [layout.service]).first else {
            throw ProviderError("service \(layout.key) is gone")
        }
        if service.taskDefinition != rollout.newTaskDefinition {
            _ = try await ecs.updateService(cluster: layout.cluster, service: layout.service, taskDefinition: rollout.newTaskDefinition)
        }
        // A minute's leeway for clocks apart; an older deployment of the same revision is not ours.
        let since = track.preparedAt.addingTimeInterval(-60)
        for brief in try await ecs.listServiceDeployments(cluster: layout.cluster, service: layout.service, limit: 5) where (brief.createdAt ?? since) >= since {
            guard let revision = brief.targetRevisionARN,
                try await ecs.describeServiceRevisions([revision]).first?.taskDefinition == rollout.newTaskDefinition
            else { continue }
            track.deploymentARN = brief.arn
            return
        }
        throw ProviderWaiting("ECS shows no deployment of \(VersionLabel.of(taskDefinitionARN: rollout.newTaskDefinition)) yet")
    }

    /// Lets ECS make the next production shift at the PAUSE hook that holds it, and waits until
    /// the new revision's weight shows it; then the engine is told the traffic arrived.
    private func shift(to split: TrafficSplit, _ rollout: AWSRollout, _ track: inout ServiceDeploymentTrack, plan: RolloutPlan) async throws -> [EngineInput] {
        let deployment = try await current(&track, plan: plan)
        let wanted = Self.weight(for: split, plan: plan, track: track)
        let weight = deployment.targetRevision?.productionTrafficWeight ?? 0
        if weight >= wanted - 0.05 { return [.trafficArrived(split)] }
        if let ended = ended(deployment, track, allowed: .allStable) { return [ended] }
        let percent = ECSDeploymentReport.percent(wanted)
        // A hook continued before shows as waiting no more; one continued a moment ago may, for a
        // moment, and is not continued again.
        if let hook = deployment.hooks.first(where: \.isAwaitingAction), !track.answeredHooks.contains(hook.hookID) {
            try await ECSClient(writer).continueServiceDeployment(deployment.arn, hookID: hook.hookID, action: .continue)
            track.answered(hook.hookID)
            throw ProviderWaiting("ECS continued by cygnid; shifting \(percent) of traffic to \(plan.toVersion)")
        }
        if weight > 0.05 || deployment.lifecycleStage == "PRODUCTION_TRAFFIC_SHIFT" && !deployment.hooks.contains(where: \.isAwaitingAction) {
            throw ProviderWaiting("ECS is shifting \(percent) of traffic to \(plan.toVersion) (\(ECSDeploymentReport.percent(weight)) so far)")
        }
        throw ProviderWaiting("waiting for ECS's PAUSE hook before the shift to \(percent) (\(deployment.lifecycleStage ?? deployment.status))")
    }

    /// Asks ECS to roll the deployment back: through the PAUSE hook when one waits (StopServiceDeployment
    /// cannot act on a held deployment), else StopServiceDeployment ROLLBACK; then waits until ECS
    /// shows the production traffic back on the stable revision (ECS moves it itself).
    private func rollBack(_ rollout: AWSRollout, _ track: inout ServiceDeploymentTrack, plan: RolloutPlan) async throws -> [EngineInput] {
        guard track.deploymentARN != nil else {
            // Nothing was started: the service still runs only the stable version.
            return []
        }
        let deployment = try await current(&track, plan: plan)
        let weight = deployment.targetRevision?.productionTrafficWeight ?? 0
        switch deployment.status {
        case "PENDING", "IN_PROGRESS":
            // Not rolling back yet, or an earlier ask did not reach ECS: ask. Marked first, so
            // a rollback whose answer is lost is still cygnid's, not someone else's.
            track.rollbackRequested = true
            let ecs = ECSClient(writer)
            if let hook = deployment.hooks.first(where: \.isAwaitingAction), !track.answeredHooks.contains(hook.hookID) {
                try await ecs.continueServiceDeployment(deployment.arn, hookID: hook.hookID, action: .rollback)
                track.answered(hook.hookID)
            } else {
                try await ecs.stopServiceDeployment(deployment.arn, stopType: .rollback)
            }
            throw ProviderWaiting("ECS is rolling back: \(ECSDeploymentReport.percent(weight)) of production traffic still on \(plan.toVersion)")
        case "ROLLBACK_FAILED" where track.rollbackRequested:
            throw Self.rollbackFailed(rollout, deployment)
        default:
            if let ended = ended(deployment, track, allowed: .allStable) { return [ended] }
        }
        guard weight <= 0.05 else {
            throw ProviderWaiting("ECS is rolling back (\(deployment.status)): \(ECSDeploymentReport.percent(weight)) of production traffic still on \(plan.toVersion)")
        }
        return []
    }

    /// Waits for ECS to finish what the engine finished: the deployment SUCCESSFUL after a
    /// promotion, ROLLBACK_SUCCESSFUL after a rollback.
    private func finished(_ rollout: AWSRollout, _ track: inout ServiceDeploymentTrack, plan: RolloutPlan, rolledBack: Bool) async throws -> [EngineInput] {
        guard track.deploymentARN != nil else { return [] }
        let deployment = try await current(&track, plan: plan)
        switch (deployment.status, rolledBack) {
        case ("SUCCESSFUL", false), ("ROLLBACK_SUCCESSFUL", true), ("STOPPED", true):
            return []
        case ("ROLLBACK_FAILED", _):
            throw Self.rollbackFailed(rollout, deployment)
        default:
            if !deployment.isActive, let ended = ended(deployment, track, allowed: rolledBack ? .allStable : .allCanary) { return [ended] }
            throw ProviderWaiting("ECS is finishing the deployment (\(deployment.lifecycleStage ?? deployment.status))")
        }
    }

    /// The deployment as ECS has it now, its report kept in `track` for the rollout to show: read
    /// straight on the commands' own connections, or (`gathered`, for a round) with the other
    /// rollouts' deployments.
    func current(_ track: inout ServiceDeploymentTrack, plan: RolloutPlan, gathered: Bool = false) async throws -> ECSServiceDeployment {
        guard let arn = track.deploymentARN else { throw ProviderWaiting("the deployment has not started yet") }
        let found = gathered ? try await descriptions.describe(arn) : try await ECSClient(writer).describeServiceDeployments([arn]).first
        guard let deployment = found else { throw ProviderError("ECS no longer knows deployment \(arn)") }
        var versions = [deployment.targetRevision?.arn ?? "": plan.toVersion]
        for source in deployment.sourceRevisions { versions[source.arn] = plan.fromVersion }
        track.report = ServiceDeploymentReading.report(deployment, fallback: nil, versions: versions)
        return deployment
    }

    /// ECS's own rollback failed: nothing cygnid can do will move the traffic, so it says so
    /// with the rollout until someone looks.
    private static func rollbackFailed(_ rollout: AWSRollout, _ deployment: ECSServiceDeployment) -> ProviderError {
        ProviderError("ECS could not roll \(rollout.layout.key) back: \(deployment.statusReason ?? "no reason given"); look at the service in ECS")
    }

    /// The weight ECS's shift for the engine's `split` gives the new revision.
    static func weight(for split: TrafficSplit, plan: RolloutPlan, track: ServiceDeploymentTrack) -> Double {
        guard split.canary < 100, let index = plan.steps.map(\.canaryWeight).firstIndex(of: split.canary), track.shifts.indices.contains(index) else {
            return 100
        }
        return track.shifts[index]
    }
}
