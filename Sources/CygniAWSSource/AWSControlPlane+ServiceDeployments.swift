import CygniAWS
import CygniModel
import Foundation

/// Reading the deployments ECS runs itself (strategy BLUE_GREEN, LINEAR or CANARY): the newest
/// one while ECS works on it and for an hour after it ended, from ListServiceDeployments and
/// DescribeServiceDeployments, its versions from DescribeServiceRevisions (described once each).
///
/// A refresh describes the deployment under way, one call. The service's deployments are listed
/// again (one or two calls) only when its task definition changed (a new deployment) or once a
/// minute (a forced redeploy keeps the task definition); an ended deployment changes no more and
/// is not described again.
extension AWSControlPlane {
    /// How far back the newest ended deployment is looked for: a deployment created longer ago
    /// that ended in the last hour is not shown (it has left the Timeline's hour anyway for
    /// most deployments; LINEAR ones baking for days are the exception).
    static let endedDeploymentsLookBack: TimeInterval = 86_400
    public static let deploymentsListedEvery: TimeInterval = 60

    func serviceDeploymentRollout(_ observed: ObservedService, region: String, now: Date) async throws -> Rollout? {
        let ecs = ECSClient(client)
        let key = "\(observed.cluster)/\(observed.service.name)"
        if let watch = deploymentWatches[key], watch.taskDefinition == observed.service.taskDefinition,
            now.timeIntervalSince(watch.listedAt) < Self.deploymentsListedEvery
        {
            guard let arn = watch.underWay else { return watch.ended }
            if let deployment = try await ecs.describeServiceDeployments([arn]).first {
                return try await watching(deployment, of: observed, key: key, listedAt: watch.listedAt, region: region)
            }
        }
        let (cluster, service) = (observed.cluster, observed.service.name)
        var newest = try await ecs.listServiceDeployments(cluster: cluster, service: service, statuses: ECSServiceDeployment.activeStatuses, limit: 5).first
        if newest == nil {
            // None under way: the newest, if it ended within the hour the Timeline keeps.
            newest = try await ecs.listServiceDeployments(cluster: cluster, service: service, createdAfter: now.addingTimeInterval(-Self.endedDeploymentsLookBack))
                .first.flatMap { ($0.finishedAt ?? .distantPast) > now.addingTimeInterval(-Self.endedRolloutsKeptFor) ? $0 : nil }
        }
        deploymentWatches[key] = DeploymentWatch(taskDefinition: observed.service.taskDefinition, listedAt: now)
        guard let newest, let deployment = try await ecs.describeServiceDeployments([newest.arn]).first else { return nil }
        return try await watching(deployment, of: observed, key: key, listedAt: now, region: region)
    }

    /// The rollout of the deployment just described, remembering whether to describe it again.
    private func watching(_ deployment: ECSServiceDeployment, of observed: ObservedService, key: String, listedAt: Date, region: String) async throws -> Rollout? {
        let rollout = try await serviceDeploymentRollout(observed, deployment, region: region)
        deploymentWatches[key] = DeploymentWatch(
            taskDefinition: observed.service.taskDefinition, listedAt: listedAt, underWay: deployment.isActive && rollout != nil ? deployment.arn : nil,
            ended: deployment.isActive ? nil : rollout)
        return rollout
    }

    private func serviceDeploymentRollout(_ observed: ObservedService, _ deployment: ECSServiceDeployment, region: String) async throws -> Rollout? {
        // The service's first deployment has no source revision: nothing moved, no rollout.
        guard !deployment.sourceRevisions.isEmpty else { return nil }
        let versions = try await revisionVersions(deployment)
        var rollout = ServiceDeploymentReading.rollout(observed, deployment, versions: versions, region: region, now: now())
        stageHistories[rollout.id, default: StageHistory()].observe(rollout)
        if let history = stageHistories[rollout.id] {
            rollout.phases = history.phases
            rollout.events = (rollout.events + history.shownEvents).sorted { $0.time < $1.time }
        }
        return rollout
    }

    /// What each revision of the deployment is called: its first image's tag, else its task
    /// definition's.
    private func revisionVersions(_ deployment: ECSServiceDeployment) async throws -> [String: String] {
        let arns = (deployment.sourceRevisions + [deployment.targetRevision].compactMap { $0 }).map(\.arn)
        var versions: [String: String] = [:]
        for (arn, revision) in try await inventory.serviceRevisions(arns) {
            if let tag = revision.images.first.flatMap(VersionLabel.tag(of:)) {
                versions[arn] = tag
            } else if let definition = try? await inventory.taskDefinition(revision.taskDefinition) {
                versions[arn] = VersionLabel.of(definition)
            } else {
                versions[arn] = VersionLabel.of(taskDefinitionARN: revision.taskDefinition)
            }
        }
        return versions
    }

    /// A deployment seen under way that a newer one has replaced: read once more, to show how
    /// ECS ended it rather than guess.
    func endedServiceDeployment(_ previous: Rollout, service: ObservedService?) async -> Rollout? {
        guard let arn = previous.ecsDeployment?.arn, let service,
            let deployment = try? await ECSClient(client).describeServiceDeployments([arn]).first
        else { return nil }
        return try? await serviceDeploymentRollout(service, deployment, region: previous.region)
    }
}

/// What the last listing of a service's deployments found, until the next.
struct DeploymentWatch: Sendable {
    /// The service's task definition then: a new one means a new deployment.
    var taskDefinition: String
    var listedAt: Date
    /// The deployment under way, described again on each refresh.
    var underWay: String?
    /// The rollout of the newest deployment when it has ended (ECS changes it no more).
    var ended: Rollout?

    init(taskDefinition: String, listedAt: Date, underWay: String? = nil, ended: Rollout? = nil) {
        self.taskDefinition = taskDefinition
        self.listedAt = listedAt
        self.underWay = underWay
        self.ended = ended
    }
}
