import CygniModel
import CygniRollout
import Foundation

/// Deploys through the control plane: a new version of a service in the sandbox's primary
/// region, driven by the same engine as the scenario's release. The world drives one rollout at
/// a time, so a deploy waits for the running one to end.
extension WorldState {
    /// Where deploys go: the region the scenarios release in.
    static let deployRegion = Region.euWest1

    /// The plan `deploy` would run, and nothing changed.
    func plan(_ deploy: SandboxDeploy) -> Result<RolloutPlan, SandboxDeployRefusal> {
        guard ServiceSpec.environment == deploy.environment else {
            return .failure(.unknownService("no cluster \(deploy.environment) in this sandbox; its services run in \(ServiceSpec.environment)"))
        }
        guard let spec = ServiceSpec.all.first(where: { $0.name == deploy.service }) else {
            let names = ServiceSpec.all.map { "\(ServiceSpec.environment)/\($0.name)" }.joined(separator: ", ")
            return .failure(.unknownService("no service \(deploy.environment)/\(deploy.service) in this sandbox; its services: \(names)"))
        }
        if let live = star, live.isActive {
            let rollout = live.rollout
            if rollout.service == deploy.service {
                return .failure(.busy("\(deploy.environment)/\(deploy.service) is already rolling out (rollout \(rollout.id), \(rollout.phase.rawValue)); roll it back or let it finish first"))
            }
            return .failure(.busy("the sandbox drives one rollout at a time and \(rollout.service)'s (rollout \(rollout.id)) is still \(rollout.phase.rawValue); deploy when it has ended"))
        }
        let index = deploymentIndex(of: spec.name, in: Self.deployRegion.name)
        let plan = EngineDriver.plan(
            id: deploy.id, service: spec.name, region: Self.deployRegion.name, fromVersion: servingLane(of: deployments[index]).version,
            toVersion: deploy.toVersion, strategy: deploy.strategy, analysis: deploy.analysis, fleetSize: spec.tasksPerRegion)
        do {
            try plan.validate()
        } catch {
            return .failure(.invalid("\(error.parameter) \(error.problem)"))
        }
        return .success(plan)
    }

    /// Starts the deploy's rollout now: the running one, if any, joins the finished ones, its
    /// deployment keeps the version that took the traffic, and the new version gets a lane of
    /// its own. It behaves as the scenario's new version does when the scenario releases this
    /// service with a flaw, and healthily otherwise.
    mutating func deploy(_ deploy: SandboxDeploy) -> Result<Rollout, SandboxDeployRefusal> {
        let plan: RolloutPlan
        switch self.plan(deploy) {
        case .success(let made): plan = made
        case .failure(let refusal): return .failure(refusal)
        }
        if let ended = star {
            settle(ended.deploymentIndex)
            finished.insert(ended, at: 0)
        }
        let index = deploymentIndex(of: plan.service, in: plan.region)
        settle(index)
        let spec = deployments[index].spec
        deployments[index].lanes.append(VersionLane(
            profile: profile(of: spec, version: plan.toVersion),
            fleet: Fleet(service: spec.name, version: plan.toVersion, deploymentID: deployRandom.ecsDeploymentID(), running: 0, rng: &taskRandom)))
        deployments[index].tracksLatency = true
        canaryKills = []
        let start = time(at: second)
        let rollout = Rollout(
            id: plan.id, service: plan.service, environment: plan.environment, region: plan.region, strategy: plan.strategy.kind,
            phase: .pending, fromVersion: plan.fromVersion, toVersion: plan.toVersion, traffic: .allStable, step: 0,
            steps: plan.steps.map(\.canaryWeight), startedAt: start, updatedAt: start)
        var record = RolloutRecord(rollout: rollout, deploymentIndex: index, fullFleet: plan.fleet.desiredCount)
        record.plan = plan
        record.enter(.pending, at: start, message: "rollout of \(plan.toVersion) created", actor: "operator:\(deploy.actor)")
        star = record
        return .success(rollouts()[0])
    }

    /// The lane that serves a deployment's traffic: the new version once it took all of it.
    private func servingLane(of deployment: Deployment) -> VersionLane {
        deployment.lanes.count > 1 && deployment.canaryWeight == 100 ? deployment.lanes[1] : deployment.lanes[0]
    }

    /// A deployment back to one lane, the one that serves its traffic, at full weight.
    private mutating func settle(_ index: Int) {
        let serving = servingLane(of: deployments[index])
        deployments[index].lanes = [serving]
        deployments[index].lanes[0].fleet.desired = deployments[index].spec.tasksPerRegion
        deployments[index].canaryWeight = 0
    }

    private func profile(of spec: ServiceSpec, version: String) -> VersionProfile {
        var profile = VersionProfile.healthy(spec, version: version)
        if let release = configuration.scenario.starRelease, release.spec.name == spec.name, let flaw = release.to.flaw {
            profile = profile.with(flaw)
        }
        return profile
    }
}
