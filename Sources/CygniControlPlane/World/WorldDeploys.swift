import CygniAWSProvider
import CygniAWSSource
import CygniClients
import CygniModel
import CygniRollout
import CygniSandbox
import Foundation

/// How a world plans and starts deploys: its judge's defaults, its prices, a plan made by
/// reading only (the dry run, and the check before a deploy), and, where the world runs the
/// rollout itself (the sandbox), the start.
struct WorldDeploys: Sendable {
    /// The judge's settings before a request's overrides: per-minute datapoints on AWS,
    /// per-second in the sandbox.
    var analysisBase: AnalysisPolicy
    /// Fargate rates for the cost diff.
    var prices: PriceClient
    /// The plan a deploy would run and the fleet it would replace; throws `APIError` for a
    /// deploy the world refuses, naming why.
    var plan: @Sendable (DeploySpec, _ id: String) async throws -> PlannedDeploy
    /// Starts the rollout in a world that runs it in-process (the sandbox); nil where cygnid's
    /// engine runner drives it (AWS).
    var start: (@Sendable (DeploySpec, _ id: String, _ actor: String) async throws -> Rollout)?
}

/// A deploy's plan and the fleet it replaces.
struct PlannedDeploy: Sendable {
    var plan: RolloutPlan
    var running: FleetSpec
}

extension WorldDeploys {
    /// The sandbox: its services in `production`, deployed to its primary region, priced from
    /// the built-in table (it has no Pricing API).
    static func sandbox(_ world: SandboxWorld, time: SandboxTimeSource) -> WorldDeploys {
        @Sendable func caughtUp() async -> SandboxWorld {
            await world.advance(to: time.targetSeconds())
            return world
        }
        @Sendable func order(_ spec: DeploySpec, _ id: String, _ actor: String) -> SandboxDeploy {
            SandboxDeploy(id: id, environment: spec.cluster, service: spec.service, toVersion: spec.version.label, strategy: spec.strategy, analysis: spec.analysis, actor: actor)
        }
        return WorldDeploys(
            analysisBase: SandboxDeploy.defaultAnalysis,
            prices: .builtInTable(reason: "the sandbox has no Pricing API"),
            plan: { spec, id in
                let plan = try await caughtUp().plan(order(spec, id, "")).get(or: APIError.init(refusal:))
                return PlannedDeploy(plan: plan, running: plan.fleet)
            },
            start: { spec, id, actor in
                try await caughtUp().deploy(order(spec, id, actor)).get(or: APIError.init(refusal:))
            })
    }

    /// AWS: the service's task sets and task definitions read by the provider; cygnid's
    /// engine runner starts the rollout.
    static func aws(_ runner: EngineRunner, prices: PriceClient) -> WorldDeploys {
        WorldDeploys(
            analysisBase: DeploySpec.defaultAnalysis,
            prices: prices,
            plan: { spec, id in
                let key = "\(spec.cluster)/\(spec.service)"
                if let busy = await runner.activeRollout(of: key) {
                    throw APIError.busy(key, rollout: busy)
                }
                do {
                    let preview = try await runner.provider.preview(spec, id: id)
                    return PlannedDeploy(plan: preview.plan, running: preview.running)
                } catch let refusal as ProviderRefusal {
                    throw refusal.kind == .conflict ? APIError.conflict(refusal.message) : APIError.invalidField(refusal.message)
                }
            },
            start: nil)
    }
}

extension APIError {
    /// A deploy of a service that is already rolling out.
    static func busy(_ service: String, rollout: String) -> APIError {
        .conflict("\(service) is already rolling out (rollout \(rollout)); roll it back or let it finish first")
    }

    init(refusal: SandboxDeployRefusal) {
        switch refusal {
        case .busy(let message): self = .conflict(message)
        case .unknownService(let message), .invalid(let message): self = .invalidField(message)
        }
    }
}

extension DeploySpec.NewVersion {
    /// The version's name as rollouts show it: the image's tag, or the task definition's
    /// family:revision.
    var label: String {
        switch self {
        case .image(let image): return VersionLabel.tag(of: image) ?? image
        case .taskDefinition(let reference): return VersionLabel.of(taskDefinitionARN: reference)
        }
    }
}

extension Result {
    /// The value, or the failure turned into the error thrown.
    func get<Thrown: Error>(or transform: (Failure) -> Thrown) throws(Thrown) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure): throw transform(failure)
        }
    }
}
