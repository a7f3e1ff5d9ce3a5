import CygniAWS
import CygniClients
import CygniModel
import Foundation

/// The operator's commands on a deployment ECS runs itself. ECS moves the traffic; cx asks it:
/// - rollback: ContinueServiceDeployment ROLLBACK when a PAUSE hook holds the deployment,
///   StopServiceDeployment ROLLBACK otherwise;
/// - abort: StopServiceDeployment ABORT;
/// - resume: ContinueServiceDeployment CONTINUE on the PAUSE hook holding it;
/// - pause and promote are refused, saying why: ECS holds a deployment only at a PAUSE hook, and
///   has no call to skip the rest of its plan.
/// Each try reads the deployment first, so a call whose answer was lost is seen done, not sent
/// twice.
extension AWSControlPlane {
    func onServiceDeployment(_ command: OperatorCommand, _ service: ECSService, _ id: AWSRolloutID) async throws -> CommandResult {
        let key = command.idempotencyKey
        let memory = memories[key] ?? CommandMemory()
        let ecs = ECSClient(commandClient)
        let byHand = "nothing was changed: see aws ecs list-service-deployments --cluster \(id.cluster) --service \(id.service)"
        let arn = try await step("finding the service deployment", memory, byHand: byHand) { try await self.serviceDeploymentARN(of: id, ecs: ecs) }
        guard let arn else { return refusal("the rollout has already ended") }
        memories[key]?.serviceDeploymentARN = arn
        let described = try await step("reading the service deployment", memory, byHand: byHand) { try await ecs.describeServiceDeployments([arn]).first }
        guard let deployment = described else { return refusal("the rollout has already ended") }
        let hook = deployment.hooks.first(where: \.isAwaitingAction)

        if let sent = memory.deploymentCallSent, Self.shows(sent, deployment) {
            return Self.accepted(sent, command)
        }
        guard deployment.isActive else { return refusal("the rollout has already ended: ECS says \(deployment.status)") }
        let stopping = !["PENDING", "IN_PROGRESS"].contains(deployment.status)
        let call: ServiceDeploymentCall
        switch command.kind {
        case .pause:
            return refusal(Self.whyNoPause(deployment, hook: hook))
        case .promote:
            let resume = hook == nil ? "" : "; resume continues it past the PAUSE hook holding it"
            return refusal("ECS moves this deployment's traffic on its own plan and has no call to skip to 100%\(resume)")
        case .resume:
            if stopping { return refusal("ECS is stopping this deployment (\(deployment.status)): there is nothing to resume") }
            guard let hook else { return refusal("nothing holds this deployment: ECS moves it on its own (no PAUSE hook is awaiting action)") }
            call = .continueHook(hook.hookID, .continue)
        case .rollback, .abort:
            if stopping {
                // ECS is rolling back or stopping already: traffic is on its way back, as asked.
                return CommandResult(
                    outcome: CommandOutcome(accepted: true, message: "ECS is already stopping the deployment (\(deployment.status))"),
                    canaryAfter: nil, phaseAfter: .rollingBack)
            }
            call = command.kind == .abort ? .stop(.abort) : hook.map { .continueHook($0.hookID, .rollback) } ?? .stop(.rollback)
        }
        memories[key]?.deploymentCallSent = call
        _ = try await step(call.name, memory, byHand: "nothing was changed: \(call.byHand(arn))") {
            switch call {
            case .stop(let type): try await ecs.stopServiceDeployment(arn, stopType: type)
            case .continueHook(let hook, let action): try await ecs.continueServiceDeployment(arn, hookID: hook, action: action)
            }
        }
        return Self.accepted(call, command)
    }

    /// The deployment the rollout is: the one last read, or found among the service's own.
    private func serviceDeploymentARN(of id: AWSRolloutID, ecs: ECSClient) async throws -> String? {
        if let known = lastSeen[id.serviceKey], known.id == id.text, let arn = known.ecsDeployment?.arn { return arn }
        return try await ecs.listServiceDeployments(cluster: id.cluster, service: id.service, limit: 20)
            .first { $0.arn.hasSuffix("/" + id.newSide) }?.arn
    }

    /// Whether a call sent on an earlier try has taken effect (its answer may have been lost).
    private static func shows(_ call: ServiceDeploymentCall, _ deployment: ECSServiceDeployment) -> Bool {
        switch call {
        case .stop(.rollback), .continueHook(_, .rollback):
            return deployment.status.hasPrefix("ROLLBACK")
        case .stop(.abort):
            return ["STOP_REQUESTED", "STOPPED"].contains(deployment.status)
        case .continueHook(let hook, .continue):
            // Continued: the hook succeeded, or its stage is over with nothing stopped since. A
            // hook that timed out meanwhile was not continued by cx.
            if let detail = deployment.hooks.first(where: { $0.hookID == hook }) { return detail.status == "SUCCEEDED" }
            return ["PENDING", "IN_PROGRESS", "SUCCESSFUL"].contains(deployment.status)
        }
    }

    private static func accepted(_ call: ServiceDeploymentCall, _ command: OperatorCommand) -> CommandResult {
        let message: String
        switch call {
        case .stop(.rollback), .continueHook(_, .rollback):
            message = "ECS is rolling the deployment back"
        case .stop(.abort):
            message = "ECS is stopping the deployment; traffic goes back to the previous revision"
        case .continueHook(_, .continue):
            message = "ECS continues the deployment past the PAUSE hook"
        }
        let phase: Phase = command.kind == .resume ? .shifting : .rollingBack
        return CommandResult(outcome: CommandOutcome(accepted: true, message: "\(message) (\(call.name))"), canaryAfter: nil, phaseAfter: phase)
    }

    /// Pause is always refused: ECS holds a deployment only where a PAUSE hook is configured.
    private static func whyNoPause(_ deployment: ECSServiceDeployment, hook: ECSLifecycleHookDetail?) -> String {
        if let hook {
            let expiry = hook.expiresAt.map { " until \(ISO8601DateFormatter().string(from: $0))" } ?? ""
            return "already held by a PAUSE lifecycle hook\(expiry); resume continues it, rollback rolls it back"
        }
        let stages = deployment.configuration?.pauseStages ?? []
        if stages.isEmpty {
            return "ECS cannot hold this deployment: its deploymentConfiguration has no PAUSE lifecycle hook "
                + "(one at PRE_PRODUCTION_TRAFFIC_SHIFT holds it before each traffic shift)"
        }
        return "ECS holds this deployment only at its PAUSE hook (\(stages.joined(separator: ", "))) and will wait there on its own; "
            + "no call pauses it elsewhere"
    }
}

/// The one ECS call a command on an ECS-run deployment makes.
enum ServiceDeploymentCall: Sendable, Equatable {
    case stop(ECSStopType)
    case continueHook(String, ECSHookAction)

    var name: String {
        switch self {
        case .stop(let type): return "StopServiceDeployment \(type.rawValue)"
        case .continueHook(_, let action): return "ContinueServiceDeployment \(action.rawValue)"
        }
    }

    func byHand(_ arn: String) -> String {
        switch self {
        case .stop(let type):
            return "aws ecs stop-service-deployment --service-deployment-arn \(arn) --stop-type \(type.rawValue)"
        case .continueHook(let hook, let action):
            return "aws ecs continue-service-deployment --service-deployment-arn \(arn) --hook-id \(hook) --action \(action.rawValue)"
        }
    }
}
