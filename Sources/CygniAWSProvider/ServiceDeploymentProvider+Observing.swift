import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// What the provider reads of ECS's deployment for the engine: both revisions' health, and
/// whether ECS (or someone through it) ended or moved the deployment without cygnid. The
/// deployment is read with the other rollouts' (`DeploymentDescriptions`).
extension ServiceDeploymentProvider {
    /// The inputs due at `now`: read as often as `timing` allows while the deployment runs,
    /// since ECS moves on by its own clock.
    public func observe(
        _ rollout: inout AWSRollout, plan: RolloutPlan, traffic: TrafficSplit, checkOutside: Bool, now: Date, timing: ProviderTiming
    ) async throws -> [EngineInput] {
        guard var track = rollout.serviceDeployment, track.deploymentARN != nil else { return [] }
        guard rollout.lastHealthRead.map({ now.timeIntervalSince($0) >= timing.healthEvery }) ?? true else { return [] }
        rollout.lastHealthRead = now
        let deployment = try await current(&track, plan: plan, gathered: true)
        rollout.serviceDeployment = track
        if checkOutside, let change = outsideChange(deployment, track, traffic: traffic) { return [change] }
        return try await health(deployment, rollout.layout, plan: plan)
    }

    /// Each revision's tasks as ECS counts them, healthy as its target group sees them (the
    /// group holds that revision's tasks alone).
    private func health(_ deployment: ECSServiceDeployment, _ layout: ServiceLayout, plan: RolloutPlan) async throws -> [EngineInput] {
        let elb = ELBv2Client(client)
        func fleet(_ sides: [ECSServiceRevisionSummary], group: String, version: String) async throws -> EngineInput? {
            guard !sides.isEmpty else { return nil }
            let running = sides.reduce(0) { $0 + $1.runningTaskCount }
            let healthy = try await elb.describeTargetHealth(targetGroupARN: group).filter { $0.state == "healthy" }.count
            return .fleetHealth(FleetHealth(version: version, desired: sides.reduce(0) { $0 + $1.requestedTaskCount }, running: running, healthy: min(running, healthy)))
        }
        var inputs: [EngineInput] = []
        if let stable = try await fleet(deployment.sourceRevisions, group: layout.stableGroup, version: plan.fromVersion) { inputs.append(stable) }
        if let canary = try await fleet(deployment.targetRevision.map { [$0] } ?? [], group: layout.canaryGroup, version: plan.toVersion) { inputs.append(canary) }
        return inputs
    }

    /// Someone else's doing, or nil while ECS does what cygnid asked: the deployment ended
    /// (`ended`), or ECS shows the new revision with more production traffic than cygnid let it have.
    private func outsideChange(_ deployment: ECSServiceDeployment, _ track: ServiceDeploymentTrack, traffic: TrafficSplit) -> EngineInput? {
        if let ended = ended(deployment, track, allowed: traffic) { return ended }
        guard deployment.isActive, !track.rollbackRequested, let weight = deployment.targetRevision?.productionTrafficWeight else { return nil }
        // ECS rounds nothing; the engine counts whole percents of what it asked for.
        guard weight > Double(traffic.canary) + 1 else { return nil }
        let observed = TrafficSplit(canary: Int(weight.rounded()))
        return .outsideChange(OutsideChange(
            traffic: observed,
            detail: "ECS shows \(ECSDeploymentReport.percent(weight))% of production traffic on the new revision (\(deployment.lifecycleStage ?? deployment.status)); a PAUSE hook was continued outside cygnid; cygnid had let it have \(traffic.canary)%"))
    }

    /// The deployment's end as an outside change when cygnid did not ask for it: a rollback or
    /// stop by ECS's circuit breaker, an alarm, a hook's timeout or someone's StopServiceDeployment,
    /// or a deployment ECS finished before cygnid let all traffic go (`allowed` is what cygnid
    /// let it have). Nil while ECS does what cygnid asked.
    func ended(_ deployment: ECSServiceDeployment, _ track: ServiceDeploymentTrack, allowed: TrafficSplit) -> EngineInput? {
        let weight = deployment.targetRevision?.productionTrafficWeight ?? 0
        let why = [deployment.rollback?.reason, deployment.statusReason].compactMap { $0 }.first { !$0.isEmpty }
        var seen = "ECS deployment \(deployment.id) is \(deployment.status)"
        if let why { seen += ": \(why)" }
        if let alarms = deployment.alarms, !alarms.triggeredAlarmNames.isEmpty { seen += "; alarms in ALARM: \(alarms.triggeredAlarmNames.joined(separator: ", "))" }
        if let breaker = deployment.circuitBreaker, breaker.status == "TRIGGERED" { seen += "; the circuit breaker tripped" }
        switch deployment.status {
        case "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOP_REQUESTED", "STOPPED":
            guard !track.rollbackRequested else { return nil }
            return .outsideChange(OutsideChange(traffic: .allStable, canaryGone: true, detail: seen))
        case "SUCCESSFUL":
            guard allowed != .allCanary else { return nil }
            return .outsideChange(OutsideChange(traffic: TrafficSplit(canary: Int(weight.rounded())), stableGone: true, detail: seen + " before cygnid let it finish"))
        default:
            return nil
        }
    }
}
