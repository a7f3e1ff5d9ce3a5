import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// The engine's provider on ECS task sets behind an ALB: it prepares a rollout (reads the
/// service's wiring, registers the new revision), carries out the engine's commands, and reads
/// what the engine observes. Every write is idempotent and verified, so carrying a command out
/// again after a crash or a lost answer does no harm:
/// - createFleet: CreateTaskSet with a client token, after looking for the set already made;
/// - scale: UpdateTaskSet to the share of the service's desired count;
/// - setWeights: ModifyListener/ModifyRule at every weighted forward of the two groups, then
///   read back until they show the weights;
/// - deleteFleet: the new set (rollback) or, on promotion, the new set made primary and the old
///   one deleted; a set already gone is what deleting it wanted.
public struct TaskSetProvider: Sendable {
    public let client: AWSClient
    /// `client` for the writes that carry out the engine's commands, on connections of their own.
    let writer: AWSClient
    public let region: String
    public var timing: ProviderTiming
    /// The rounds' reads, gathered across rollouts: services, stopped tasks, weighted forwards.
    let descriptions: ServiceDescriptions
    let stopped: StoppedTasks
    let siteReads: TrafficSiteReads

    public init(client: AWSClient, region: String, timing: ProviderTiming = ProviderTiming()) {
        self.client = client
        writer = client.prioritized(.urgent)
        self.region = region
        self.timing = timing
        descriptions = ServiceDescriptions(client: client)
        stopped = StoppedTasks(client: client)
        siteReads = TrafficSiteReads(client: client)
    }

    // MARK: Preparing

    /// Reads the service, makes the new version's task definition when given an image, and
    /// returns the rollout's provider record and plan. Throws `ProviderRefusal` for a service
    /// or request cygnid cannot roll out.
    /// `service` is the service as just read, when the caller has it (else it is read here).
    public func prepare(_ spec: DeploySpec, service: ECSService? = nil, id: String, at time: Date) async throws -> (rollout: AWSRollout, plan: RolloutPlan) {
        let (layout, stable) = try await running(spec, service)
        let newDefinition = try await Self.newDefinition(spec.version, stable: stable, ecs: ECSClient(client))
        let plan = try Self.plan(spec, id: id, region: region, layout: layout, stable: stable, new: newDefinition, toVersion: VersionLabel.of(newDefinition))
        let externalID: String
        if case .blueGreen = spec.strategy { externalID = "green" } else { externalID = "canary" }
        let rollout = AWSRollout(
            id: id, layout: layout, newTaskDefinition: newDefinition.arn, externalID: externalID,
            metricsReadThrough: MetricMinutes.floor(time), stoppedTasksSeen: [])
        return (rollout, plan)
    }

    /// The plan `prepare` would make and the fleet it replaces, reading only: for an image, the
    /// new revision is not registered, and it has the running one's size.
    public func preview(_ spec: DeploySpec, service: ECSService? = nil, id: String) async throws -> (plan: RolloutPlan, running: FleetSpec) {
        let (layout, stable) = try await running(spec, service)
        let (new, label) = try await Self.previewedDefinition(spec.version, stable: stable, ecs: ECSClient(client))
        let plan = try Self.plan(spec, id: id, region: region, layout: layout, stable: stable, new: new, toVersion: label)
        return (plan, Self.fleet(of: stable, count: layout.desiredCount))
    }

    /// The new version's task definition: the one named, or a new revision of the running one
    /// with the first container's image replaced, registered. Refuses the version already running.
    static func newDefinition(_ version: DeploySpec.NewVersion, stable: ECSTaskDefinition, ecs: ECSClient) async throws -> ECSTaskDefinition {
        let new: ECSTaskDefinition
        switch version {
        case .taskDefinition(let reference):
            new = try await refusingMissing(reference) { try await ecs.describeTaskDefinition(reference) }
        case .image(let image):
            let document = try await ecs.taskDefinitionDocument(stable.arn)
            new = try await ecs.registerTaskDefinition(try NewRevision.input(from: document, image: image))
        }
        try refusingRunning(new, stable)
        return new
    }

    /// What `newDefinition` would give, reading only: for an image, the next revision of the
    /// running one, named by the image's tag.
    static func previewedDefinition(_ version: DeploySpec.NewVersion, stable: ECSTaskDefinition, ecs: ECSClient) async throws -> (ECSTaskDefinition, label: String) {
        switch version {
        case .taskDefinition(let reference):
            let new = try await refusingMissing(reference) { try await ecs.describeTaskDefinition(reference) }
            try refusingRunning(new, stable)
            return (new, VersionLabel.of(new))
        case .image(let image):
            var next = stable
            next.revision += 1
            return (next, VersionLabel.tag(of: image) ?? image)
        }
    }

    private static func refusingRunning(_ new: ECSTaskDefinition, _ stable: ECSTaskDefinition) throws {
        guard new.arn != stable.arn else {
            throw ProviderRefusal(.invalid, "\(VersionLabel.of(taskDefinitionARN: stable.arn)) is the version already running")
        }
    }

    /// The service's wiring and running task definition, for a strategy task sets can serve.
    private func running(_ spec: DeploySpec, _ service: ECSService?) async throws -> (ServiceLayout, ECSTaskDefinition) {
        if case .rolling = spec.strategy { throw Self.unservable(spec.strategy) }
        if case .recreate = spec.strategy { throw Self.unservable(spec.strategy) }
        let layout = try await ServiceLayout.discover(cluster: spec.cluster, service: spec.service, described: service, region: region, client: client)
        return (layout, try await ECSClient(client).describeTaskDefinition(layout.stableTaskDefinition))
    }

    /// The rollout's plan from the two task definitions, validated.
    static func plan(
        _ spec: DeploySpec, id: String, region: String, layout: ServiceLayout, stable: ECSTaskDefinition, new: ECSTaskDefinition, toVersion: String
    ) throws -> RolloutPlan {
        var versions = (from: VersionLabel.of(stable), to: toVersion)
        if versions.from == versions.to {
            // The same image tag on both (a rebuilt "latest"): the revisions tell them apart.
            versions = ("\(stable.family):\(stable.revision)", "\(new.family):\(new.revision)")
        }
        let plan = RolloutPlan(
            id: id, service: spec.service, environment: spec.cluster, region: region, fromVersion: versions.from, toVersion: versions.to,
            strategy: spec.strategy, fleet: Self.fleet(of: new, count: layout.desiredCount), analysis: spec.analysis)
        do {
            try plan.validate()
        } catch {
            throw ProviderRefusal(.invalid, "\(error.parameter) \(error.problem)")
        }
        return plan
    }

    private static func unservable(_ strategy: StrategyPlan) -> ProviderRefusal {
        ProviderRefusal(
            .invalid,
            "strategy \(strategy.kind.rawValue) replaces tasks in place, which task sets cannot do; use canary, linear or blueGreen (or let ECS run a rolling deployment itself)")
    }

    static func refusingMissing<T>(_ reference: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AWSError where error.errorClass == .validation || error.errorClass == .notFound || error.code == "ClientException" {
            throw ProviderRefusal(.invalid, "task definition \(reference) could not be read: \(error.message)")
        }
    }

    static func fleet(of definition: ECSTaskDefinition, count: Int) -> FleetSpec {
        let vCPU = definition.cpu.flatMap(Double.init).map { $0 / 1024 } ?? 0.25
        let memory = definition.memory.flatMap(Double.init).map { $0 / 1024 } ?? 0.5
        return FleetSpec(
            desiredCount: max(1, count), vCPU: min(16, max(0.125, vCPU)), memoryGB: min(120, max(0.125, memory)),
            architecture: definition.cpuArchitecture == "ARM64" ? .arm : .x86)
    }

    // MARK: Carrying out

    /// Carries one engine command out; what it returns is for the engine at once (a hook's
    /// result). Throws when AWS did not do it: the caller keeps the command and tries again.
    public func carryOut(_ command: ProviderCommand, on rollout: inout AWSRollout, plan: RolloutPlan) async throws -> [EngineInput] {
        let layout = rollout.layout
        let ecs = ECSClient(writer)
        switch command {
        case .createFleet(let version, let count) where version == plan.toVersion:
            try await createCanary(&rollout, percent: Self.percent(count, of: layout.desiredCount))
        case .createFleet(let version, let count), .scale(let version, let count):
            let percent = Self.percent(count, of: layout.desiredCount)
            if version == plan.toVersion {
                guard let canary = rollout.canaryTaskSetARN else {
                    try await createCanary(&rollout, percent: percent)
                    return []
                }
                _ = try await ecs.updateTaskSet(cluster: layout.cluster, service: layout.service, taskSet: canary, scalePercent: percent)
            } else {
                _ = try await ecs.updateTaskSet(cluster: layout.cluster, service: layout.service, taskSet: layout.stableTaskSetARN, scalePercent: percent)
            }
        case .setWeights(let split):
            rollout.trafficSites = try await setWeights(split, layout, known: rollout.trafficSites ?? []).map(TrafficSiteAddress.init)
        case .deleteFleet(let version) where version == plan.toVersion:
            if let canary = rollout.canaryTaskSetARN { try await delete(canary, layout) }
            rollout.canaryDeleted = true
        case .deleteFleet:
            // Promotion's end: the new set becomes the service's primary before the old one goes.
            guard let canary = rollout.canaryTaskSetARN else { throw ProviderError("the new task set was never created; cannot make it primary") }
            let service = try await ecs.describeServices(cluster: layout.cluster, services: [layout.service]).first
            if service?.taskSets.contains(where: { $0.arn == canary && $0.status == "PRIMARY" }) != true {
                _ = try await ecs.updateServicePrimaryTaskSet(cluster: layout.cluster, service: layout.service, primaryTaskSet: canary)
            }
            try await delete(layout.stableTaskSetARN, layout)
            rollout.stableDeleted = true
        case .runHook(let name, _):
            // Deploys through the API name no hooks; a plan that does is told plainly.
            return [.hookFinished(name: name, succeeded: false, detail: "pre-traffic hooks are not run on AWS yet")]
        case .replaceTask:
            // ECS replaces a task set's stopped tasks by itself.
            break
        }
        return []
    }

    static func percent(_ count: Int, of desired: Int) -> Double {
        guard desired > 0 else { return 100 }
        return min(100, max(0, (Double(count) * 100 / Double(desired) * 10).rounded() / 10))
    }

    private func createCanary(_ rollout: inout AWSRollout, percent: Double) async throws {
        let layout = rollout.layout
        let ecs = ECSClient(writer)
        // An earlier try (or a process before a crash) may have made it already: ECS's client
        // token returns the same set, and a set found on the canary group is adopted either way.
        let service = try await ecs.describeServices(cluster: layout.cluster, services: [layout.service]).first
        let existing = service?.taskSets.first { set in
            set.status != "DRAINING" && set.taskDefinition == rollout.newTaskDefinition
                && set.loadBalancers.contains { $0.targetGroupARN == layout.canaryGroup }
        }
        let taskSet: ECSTaskSet
        if let existing {
            taskSet = existing
        } else {
            taskSet = try await ecs.createTaskSet(
                cluster: layout.cluster, service: layout.service, taskDefinition: rollout.newTaskDefinition, externalID: rollout.externalID,
                loadBalancers: [ECSLoadBalancer(targetGroupARN: layout.canaryGroup, containerName: layout.containerName, containerPort: layout.containerPort)],
                scalePercent: percent, placement: layout.placement, clientToken: rollout.clientToken)
        }
        guard !taskSet.arn.isEmpty else { throw ProviderError("CreateTaskSet answered without a task set") }
        rollout.canaryTaskSetARN = taskSet.arn
        rollout.canaryTaskSetID = taskSet.id
    }

    /// Writes the weights wherever the load balancer forwards to both groups, then reads them
    /// back (the whole load balancer, never a gathered read); returns the sites it found.
    /// Back to stable, the forwards already known are written after one read by ARN, before the
    /// whole load balancer (every listener, then each one's rules) is read to find any other.
    /// A move up finds every forward first and writes all of them or none.
    private func setWeights(_ split: TrafficSplit, _ layout: ServiceLayout, known: [TrafficSiteAddress]) async throws -> [TrafficSite] {
        let weights = [layout.stableGroup: split.stable, layout.canaryGroup: split.canary]
        let sites = TrafficSites(client: writer)
        let pair = (layout.stableGroup, layout.canaryGroup)
        if split == .allStable, let actions = try await TrafficSiteReads.actionsNow(at: known, client: writer),
            let knownSites = try await TrafficSiteReads.sites(at: known, forwardingTo: pair, actions: { actions[$0.ruleARN ?? $0.listenerARN] })
        {
            let unmoved = knownSites.filter { !Self.shows(weights, $0) }
            if !unmoved.isEmpty { try await sites.apply(weights, to: unmoved) }
        }
        let found = try await sites.sites(loadBalancerARN: layout.loadBalancerARN, forwardingTo: pair)
        guard !found.isEmpty else {
            throw ProviderError("no listener of \(layout.loadBalancerARN) forwards to both \(layout.stableGroup) and \(layout.canaryGroup) any more")
        }
        let unmoved = found.filter { !Self.shows(weights, $0) }
        // Nothing left to write: this read of the whole load balancer is the read back.
        guard !unmoved.isEmpty else { return found }
        try await sites.apply(weights, to: unmoved)
        let after = try await sites.sites(loadBalancerARN: layout.loadBalancerARN, forwardingTo: pair)
        guard !after.isEmpty, after.allSatisfy({ Self.shows(weights, $0) }) else {
            throw ProviderError("the listeners do not show stable \(split.stable) / canary \(split.canary) yet")
        }
        return after
    }

    static func shows(_ weights: [String: Int], _ site: TrafficSite) -> Bool {
        weights.allSatisfy { site.weight(of: $0.key) == $0.value }
    }

    private func delete(_ taskSet: String, _ layout: ServiceLayout) async throws {
        let ecs = ECSClient(writer)
        let service = try await ecs.describeServices(cluster: layout.cluster, services: [layout.service]).first
        guard service?.taskSets.contains(where: { $0.arn == taskSet && $0.status != "DRAINING" }) == true else { return }
        do {
            _ = try await ecs.deleteTaskSet(cluster: layout.cluster, service: layout.service, taskSet: taskSet, force: true)
        } catch let error as AWSError where error.errorClass == .notFound || (error.code == "ClientException" && error.message.contains("does not exist")) {
            return
        }
    }
}

/// A write the provider could not verify or carry out; the command is tried again.
public struct ProviderError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
