import CygniAWS
import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// The operator's commands on AWS: what each does is described on `AWSControlPlane`.
extension AWSControlPlane {
    /// Carries a command out once per idempotency key: a repeat, even one arriving while the
    /// first is still running, gets the first answer marked duplicate. A command that fails
    /// half-way is journaled as refused with the error, and may be sent again with the same key
    /// (every step is safe to repeat).
    public func perform(_ command: OperatorCommand) async throws -> CommandOutcome {
        let key = command.idempotencyKey
        if let first = outcomes[key]?.outcome {
            return CommandOutcome(accepted: first.accepted, duplicate: true, message: first.message)
        }
        if let running = inFlight[key] {
            let first = try await running.value.outcome
            return CommandOutcome(accepted: first.accepted, duplicate: true, message: first.message)
        }
        let task = Task { try await self.carryOut(command) }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        do {
            let result = try await task.value
            outcomes[key] = (result.outcome, now())
            record(command, result.outcome, before: result.before, canaryAfter: result.canaryAfter)
            return result.outcome
        } catch {
            let before = AWSRolloutID(command.rolloutID).flatMap { lastSeen[$0.serviceKey] }
            record(command, CommandOutcome(accepted: false, message: "failed: \(error)"), before: before, canaryAfter: -1)
            throw error
        }
    }

    private func carryOut(_ command: OperatorCommand) async throws -> (outcome: CommandOutcome, before: Rollout?, canaryAfter: Int) {
        guard let id = AWSRolloutID(command.rolloutID) else { throw ClientError("\(command.rolloutID) is not a rollout of this AWS source") }
        let (cluster, serviceName, newSide) = (id.cluster, id.service, id.newSide)
        guard let service = try await ECSClient(client).describeServices(cluster: cluster, services: [serviceName]).first else {
            throw ClientError("service \(serviceName) is not in cluster \(cluster)")
        }
        let before = lastSeen[id.serviceKey]
        if let pair = RolloutReading.taskSetPair(service), pair.canary.id == newSide {
            let (outcome, canaryAfter) = try await performOnTaskSets(command.kind, pair, cluster: cluster, service: serviceName)
            return (outcome, before, canaryAfter)
        }
        if let rolling = RolloutReading.deploymentRollout(ObservedService(cluster: cluster, service: service), region: "", now: now()),
            rolling.id == command.rolloutID, rolling.isActive
        {
            let (outcome, canaryAfter) = try await performOnDeployments(command.kind, service, cluster: cluster)
            return (outcome, before, canaryAfter)
        }
        return (CommandOutcome(accepted: false, message: "the rollout has already ended"), before, -1)
    }

    private func performOnTaskSets(
        _ kind: OperatorCommand.Kind, _ pair: (stable: ECSTaskSet, canary: ECSTaskSet), cluster: String, service: String
    ) async throws -> (CommandOutcome, Int) {
        let ecs = ECSClient(client)
        switch kind {
        case .rollback, .abort, .promote:
            let toCanary = kind == .promote
            guard let (stable, canary, sites) = try await sites(pair), !sites.isEmpty else {
                return (CommandOutcome(accepted: false, message: "no ALB listener splits traffic between the task sets; nothing changed"), -1)
            }
            // All sites are checked before any is written, so traffic is never left half moved.
            if let why = TrafficSites.whyUnwritable(sites) {
                return (CommandOutcome(accepted: false, message: "\(why); nothing changed"), -1)
            }
            // Traffic first: the moment the weights change, users are on the chosen side.
            try await TrafficSites(client: client).apply([stable: toCanary ? 0 : 100, canary: toCanary ? 100 : 0], to: sites)
            // The side left without traffic still runs tasks; `force` deletes a set not yet scaled to zero.
            if toCanary {
                _ = try await ecs.updateServicePrimaryTaskSet(cluster: cluster, service: service, primaryTaskSet: pair.canary.arn)
                _ = try await ecs.deleteTaskSet(cluster: cluster, service: service, taskSet: pair.stable.arn, force: true)
                return (CommandOutcome(accepted: true, message: "all traffic on the canary on \(sites.count) listener(s); it is primary, the old task set is deleted"), 100)
            }
            _ = try await ecs.deleteTaskSet(cluster: cluster, service: service, taskSet: pair.canary.arn, force: true)
            return (CommandOutcome(accepted: true, message: "all traffic on stable on \(sites.count) listener(s); the canary task set is deleted"), 0)
        case .pause, .resume:
            return (CommandOutcome(accepted: false, message: "\(kind.rawValue) needs a rollout engine stepping this rollout; on AWS cx moves traffic only when asked"), -1)
        }
    }

    private func performOnDeployments(_ kind: OperatorCommand.Kind, _ service: ECSService, cluster: String) async throws -> (CommandOutcome, Int) {
        guard kind == .rollback || kind == .abort, let old = RolloutReading.deploymentPair(service)?.old else {
            return (CommandOutcome(accepted: false, message: "an ECS rolling deployment moves on its own; only rollback is available"), -1)
        }
        _ = try await ECSClient(client).updateService(cluster: cluster, service: service.name, taskDefinition: old.taskDefinition, forceNewDeployment: true)
        return (CommandOutcome(accepted: true, message: "redeploying \(VersionLabel.of(taskDefinitionARN: old.taskDefinition))"), 0)
    }

    /// The Timeline line and the audit journal entry of a command, accepted or not.
    private func record(_ command: OperatorCommand, _ outcome: CommandOutcome, before: Rollout?, canaryAfter: Int) {
        let time = now()
        let fromCanary = before?.traffic.canary ?? 0
        let toCanary = canaryAfter < 0 ? fromCanary : canaryAfter
        operatorEvents[command.rolloutID, default: []].append(TimelineEvent(
            time: time, kind: .operatorAction, severity: outcome.accepted ? .info : .warning,
            message: "\(command.kind.rawValue)\(outcome.accepted ? "" : " refused"): \(outcome.message)", actor: command.actor
        ))
        let fromPhase = before?.phase ?? .shifting
        let toPhase: Phase = !outcome.accepted ? fromPhase : command.kind == .promote ? .succeeded : command.kind == .abort ? .failed : .rolledBack
        try? audit?.append([AuditEntry(
            time: time, rolloutID: command.rolloutID, service: command.service, actor: command.actor, action: command.kind.rawValue,
            reason: outcome.accepted ? command.reason : [command.reason, outcome.message].compactMap { $0 }.joined(separator: "; "),
            fromPhase: fromPhase, toPhase: toPhase,
            fromCanaryPercent: fromCanary, toCanaryPercent: toCanary, accepted: outcome.accepted
        )])
    }
}
