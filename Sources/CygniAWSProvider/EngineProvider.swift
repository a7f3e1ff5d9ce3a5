import CygniAWS
import CygniModel
import CygniRollout
import Foundation

/// The engine's provider on AWS, for whichever way the service is deployed: task sets for a
/// service with the EXTERNAL controller, ECS's own deployment for one ECS deploys itself
/// (BLUE_GREEN, LINEAR, CANARY) through a PAUSE hook. Both judge the same two target groups'
/// ALB metrics, read together for every rollout.
public struct EngineProvider: Sendable {
    public let taskSets: TaskSetProvider
    public let deployments: ServiceDeploymentProvider
    public let metrics: MetricReads

    public var timing: ProviderTiming { taskSets.timing }

    public init(client: AWSClient, region: String, timing: ProviderTiming = ProviderTiming()) {
        taskSets = TaskSetProvider(client: client, region: region, timing: timing)
        deployments = ServiceDeploymentProvider(client: client, region: region)
        metrics = MetricReads(client: client, metricsLag: timing.metricsLag)
    }

    /// The rollout's provider record and plan (see `TaskSetProvider.prepare`); throws
    /// `ProviderRefusal` for a service or request cygnid cannot roll out.
    public func prepare(_ spec: DeploySpec, id: String, at time: Date) async throws -> (rollout: AWSRollout, plan: RolloutPlan) {
        let service = try await described(spec)
        if let service, ServiceDeploymentProvider.serves(service) {
            return try await deployments.prepare(spec, service: service, id: id, at: time)
        }
        return try await taskSets.prepare(spec, service: service, id: id, at: time)
    }

    /// The plan `prepare` would make and the fleet it replaces, reading only.
    public func preview(_ spec: DeploySpec, id: String) async throws -> (plan: RolloutPlan, running: FleetSpec) {
        let service = try await described(spec)
        if let service, ServiceDeploymentProvider.serves(service) {
            return try await deployments.preview(spec, service: service, id: id)
        }
        return try await taskSets.preview(spec, service: service, id: id)
    }

    public func carryOut(_ command: ProviderCommand, on rollout: inout AWSRollout, plan: RolloutPlan) async throws -> [EngineInput] {
        if rollout.serviceDeployment != nil {
            return try await deployments.carryOut(command, on: &rollout, plan: plan)
        }
        return try await taskSets.carryOut(command, on: &rollout, plan: plan)
    }

    public func observe(
        _ rollout: inout AWSRollout, plan: RolloutPlan, traffic: TrafficSplit, phase: PhaseRecord, checkOutside: Bool, now: Date
    ) async throws -> [EngineInput] {
        if rollout.serviceDeployment != nil {
            return try await deployments.observe(&rollout, plan: plan, traffic: traffic, checkOutside: checkOutside, now: now, timing: timing)
        }
        return try await taskSets.observe(&rollout, plan: plan, traffic: traffic, phase: phase, checkOutside: checkOutside, now: now)
    }

    /// Both sides' ALB metrics for every rollout, whichever way it is deployed.
    public func readMetrics(_ rollouts: [AWSRollout], versions: [String: (stable: String, canary: String)], now: Date) async throws -> [String: MetricReads.Read] {
        try await metrics.read(rollouts, versions: versions, now: now)
    }

    /// The service as ECS describes it now, read once for whichever provider serves it.
    private func described(_ spec: DeploySpec) async throws -> ECSService? {
        try await ECSClient(taskSets.client).describeServices(cluster: spec.cluster, services: [spec.service]).first
    }
}
