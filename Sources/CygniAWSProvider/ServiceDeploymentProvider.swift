import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// The engine's provider on a service ECS deploys itself (strategy BLUE_GREEN, LINEAR or CANARY)
/// with a PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT. ECS moves the tasks and the traffic; cygnid
/// starts the deployment and, at each pause, once the engine has judged the step ECS just baked
/// from both target groups, lets it go on or rolls it back:
/// - createFleet: UpdateService to the new task definition, after looking for the deployment
///   an earlier try already started;
/// - setWeights up: ContinueServiceDeployment CONTINUE at the hook that waits, then the weight
///   ECS shows is waited for, and the engine told when it arrived (its bake counts from there);
/// - setWeights back to stable: ROLLBACK at a waiting hook, else StopServiceDeployment ROLLBACK;
/// - deleteFleet: waits for ECS to finish (SUCCESSFUL, or ROLLBACK_SUCCESSFUL);
/// - scale and replaceTask: ECS sizes and replaces the tasks itself.
/// While ECS has not reached the point a command needs, it throws `ProviderWaiting`.
public struct ServiceDeploymentProvider: Sendable {
    let client: AWSClient
    /// `client` for the writes that carry out the engine's commands, on connections of their own.
    let writer: AWSClient
    let region: String
    /// The rounds' reads of the deployments, gathered across rollouts.
    let descriptions: DeploymentDescriptions

    /// The stage a PAUSE hook must hold for cygnid to judge every step before ECS moves traffic.
    public static let judgedStage = "PRE_PRODUCTION_TRAFFIC_SHIFT"

    public init(client: AWSClient, region: String) {
        self.client = client
        writer = client.prioritized(.urgent)
        self.region = region
        descriptions = DeploymentDescriptions(client: client)
    }

    /// Whether ECS itself deploys `service`, so a rollout of it goes through this provider.
    public static func serves(_ service: ECSService) -> Bool {
        service.deploymentController == "ECS" && service.deploymentConfiguration?.isRunByECS == true
    }

    // MARK: Preparing

    /// Reads the service's wiring and ECS's plan for it, makes the new version's task definition
    /// when given an image, and returns the rollout's provider record and plan. Nothing is
    /// deployed yet: the engine's first command starts ECS's deployment.
    public func prepare(_ spec: DeploySpec, service: ECSService, id: String, at time: Date) async throws -> (rollout: AWSRollout, plan: RolloutPlan) {
        let (layout, strategy, stable) = try await wiring(spec, service)
        let new = try await TaskSetProvider.newDefinition(spec.version, stable: stable, ecs: ECSClient(client))
        var planned = spec
        planned.strategy = strategy
        let plan = try TaskSetProvider.plan(planned, id: id, region: region, layout: layout, stable: stable, new: new, toVersion: VersionLabel.of(new))
        var rollout = AWSRollout(id: id, layout: layout, newTaskDefinition: new.arn, externalID: "", metricsReadThrough: MetricMinutes.floor(time), stoppedTasksSeen: [])
        rollout.serviceDeployment = ServiceDeploymentTrack(
            shifts: service.deploymentConfiguration?.productionShifts.map(\.percent) ?? [100], preparedAt: time)
        return (rollout, plan)
    }

    /// The plan `prepare` would make and the fleet it replaces, reading only.
    public func preview(_ spec: DeploySpec, service: ECSService, id: String) async throws -> (plan: RolloutPlan, running: FleetSpec) {
        let (layout, strategy, stable) = try await wiring(spec, service)
        let (new, label) = try await TaskSetProvider.previewedDefinition(spec.version, stable: stable, ecs: ECSClient(client))
        var planned = spec
        planned.strategy = strategy
        let plan = try TaskSetProvider.plan(planned, id: id, region: region, layout: layout, stable: stable, new: new, toVersion: label)
        return (plan, TaskSetProvider.fleet(of: stable, count: layout.desiredCount))
    }

    /// The service's two target groups (the one serving production now is the stable side), the
    /// engine's plan from ECS's deployment configuration, and the running task definition; or
    /// why cygnid cannot drive this service's deployments.
    private func wiring(_ spec: DeploySpec, _ service: ECSService) async throws -> (ServiceLayout, StrategyPlan, ECSTaskDefinition) {
        let key = "\(spec.cluster)/\(spec.service)"
        guard let configuration = service.deploymentConfiguration, let name = configuration.strategy else {
            throw ProviderRefusal(.invalid, "service \(key) has no deployment strategy ECS runs")
        }
        let judged = configuration.lifecycleHooks.contains { $0.targetType == "PAUSE" && $0.lifecycleStages.contains(Self.judgedStage) }
        guard judged else {
            throw ProviderRefusal(
                .invalid,
                "service \(key) is deployed by ECS (\(name)) without a PAUSE hook at \(Self.judgedStage); cygnid judges ECS's steps only at such a hook: add one (docs/control-plane.md, \"Services ECS deploys itself\"), or deploy it with ECS alone")
        }
        let strategy = try Self.strategy(configuration, key: key)
        if spec.planNamed == true, spec.strategy != strategy {
            throw ProviderRefusal(
                .invalid,
                "service \(key) is deployed by ECS, whose deploymentConfiguration sets the plan (\(Self.describe(configuration))); leave strategy, steps and bake out of the deploy, or send the same")
        }
        let ecs = ECSClient(client)
        let active = try await ecs.listServiceDeployments(cluster: spec.cluster, service: spec.service, statuses: ECSServiceDeployment.activeStatuses.sorted(), limit: 5)
        if let running = active.first {
            throw ProviderRefusal(.conflict, "ECS is already deploying \(key) (\(running.arn.split(separator: "/").last ?? "") \(running.status)); let it finish or stop it first")
        }
        guard let balancer = service.loadBalancers.first(where: { $0.alternateTargetGroupARN != nil }), let primary = balancer.targetGroupARN,
            let alternate = balancer.alternateTargetGroupARN, let containerName = balancer.containerName, let containerPort = balancer.containerPort
        else {
            throw ProviderRefusal(
                .invalid, "service \(key) has no load balancer with an alternate target group (loadBalancers[].advancedConfiguration): cygnid judges the two groups ECS moves traffic between")
        }
        guard let loadBalancer = try await ELBv2Client(client).describeTargetGroups(arns: [primary]).first?.loadBalancerARNs.first else {
            throw ProviderRefusal(.invalid, "target group \(primary) of \(key) is not used by any load balancer")
        }
        // After a deployment the groups trade places: the one production reaches now is stable.
        let sites = try await TrafficSites(client: client).sites(loadBalancerARN: loadBalancer, forwardingTo: (primary, alternate))
        let production = sites.first.map { ($0.weight(of: alternate) ?? 0) > ($0.weight(of: primary) ?? 0) } == true ? alternate : primary
        let layout = ServiceLayout(
            cluster: spec.cluster, service: spec.service, region: region, desiredCount: service.desiredCount, stableTaskSetARN: "", stableTaskSetID: "",
            stableTaskDefinition: service.taskDefinition, stableGroup: production, canaryGroup: production == primary ? alternate : primary,
            loadBalancerARN: loadBalancer, containerName: containerName, containerPort: containerPort, placement: TaskSetPlacement())
        return (layout, strategy, try await ecs.describeTaskDefinition(service.taskDefinition))
    }

    /// The engine's plan for what ECS will do: the same steps and bakes, so the engine's bake
    /// ends as ECS's does and its judgement is ready when the hook asks for it.
    static func strategy(_ configuration: ECSDeploymentConfiguration, key: String) throws -> StrategyPlan {
        let shifts = configuration.productionShifts
        switch configuration.strategy {
        case "LINEAR" where configuration.linearStepPercent.map({ $0 == $0.rounded() }) ?? true:
            let percent = Int(configuration.linearStepPercent ?? 10)
            return .linear(LinearParameters(stepPercent: percent, interval: Double(configuration.linearStepBakeMinutes ?? 6) * 60))
        case "CANARY", "LINEAR":
            // The engine counts whole percents; ECS's fractions round to the nearest, at least 1.
            var steps: [Int] = []
            for shift in shifts {
                let percent = max(1, Int(shift.percent.rounded()))
                if percent > steps.last ?? 0 { steps.append(percent) }
            }
            return .canary(CanaryParameters(steps: steps, bake: Double(shifts.first?.bakeMinutes ?? 0) * 60))
        case "BLUE_GREEN":
            return .blueGreen(BlueGreenParameters(bake: Double(configuration.bakeTimeInMinutes ?? 0) * 60, rollbackWindow: 0))
        default:
            throw ProviderRefusal(.invalid, "service \(key) uses strategy \(configuration.strategy ?? "ROLLING"), which ECS runs without steps cygnid can judge")
        }
    }

    /// ECS's plan in words, for a refusal: "CANARY 10% baking 10 min, then 100%".
    static func describe(_ configuration: ECSDeploymentConfiguration) -> String {
        let shifts = configuration.productionShifts.map { shift in
            ECSDeploymentReport.percent(shift.percent) + (shift.bakeMinutes > 0 ? " baking \(shift.bakeMinutes) min" : "")
        }
        return "\(configuration.strategy ?? "") " + shifts.joined(separator: ", then ")
    }
}
