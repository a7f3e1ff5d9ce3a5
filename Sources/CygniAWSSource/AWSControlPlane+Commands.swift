import CygniAWS
import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// The operator's commands on AWS: what each does is described on `AWSControlPlane`.
extension AWSControlPlane {
    /// Carries a command out once per idempotency key: a repeat, even one arriving while the
    /// first is still running, gets the first answer marked duplicate. Transient failures are
    /// tried again as `retry` says, each try re-reading the service and the listeners; each
    /// failed try is a Timeline line, the outcome one audit entry with the number of tries.
    public func perform(_ command: OperatorCommand, retry: CommandRetry, failed: @escaping CommandAttemptHandler) async throws -> CommandOutcome {
        let key = command.idempotencyKey
        if let first = outcomes[key]?.outcome {
            return Self.duplicate(of: first)
        }
        if let running = inFlight[key] {
            return Self.duplicate(of: try await running.value)
        }
        let task = Task { try await self.keepTrying(command, retry: retry, failed: failed) }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        // The tries run in their own task so that a repeat can wait on them; the caller's
        // cancellation (the operator's cancel key) is passed on.
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    private static func duplicate(of first: CommandOutcome) -> CommandOutcome {
        var again = first
        again.duplicate = true
        return again
    }

    private func keepTrying(_ command: OperatorCommand, retry: CommandRetry, failed: @escaping CommandAttemptHandler) async throws -> CommandOutcome {
        let key = command.idempotencyKey
        let before = AWSRolloutID(command.rolloutID).flatMap { lastSeen[$0.serviceKey] }
        defer {
            memories[key] = nil
            listenersChanged()
        }
        do {
            let (result, attempts) = try await retry.run({ _ in try await self.attempt(command) }) { attempt in
                await self.note(command, attempt)
                await failed(attempt)
            }
            var outcome = result.outcome
            outcome.attempts = attempts
            finish(command, outcome, before: before, canaryAfter: result.canaryAfter, phaseAfter: result.phaseAfter)
            return outcome
        } catch let ending as CommandRetry.Ending {
            let (failure, attempts, gaveUp): (CommandFailure, Int, Bool)
            switch ending {
            case .permanent(let last, let count): (failure, attempts, gaveUp) = (last, count, false)
            case .deadlinePassed(let last, let count): (failure, attempts, gaveUp) = (last, count, true)
            }
            let tries = Self.tries(attempts)
            if failure.trafficSettled, let settled = command.kind.settledTraffic {
                // The half that matters is done: say so, and what is left.
                let outcome = CommandOutcome(
                    accepted: true, message: "\(settled); cleanup pending after \(tries): \(failure.message)", attempts: attempts,
                    cleanupPending: failure.message)
                finish(command, outcome, before: before, canaryAfter: command.kind == .promote ? 100 : 0)
                return outcome
            }
            let moved = command.kind.settledTraffic == nil ? "" : "; traffic did not move"
            let message = gaveUp ? "gave up after \(tries): \(failure.message)\(moved)" : "\(failure.message)\(moved)"
            finish(command, CommandOutcome(accepted: false, message: "failed: \(message)", attempts: attempts), before: before, canaryAfter: nil)
            throw ClientError(message)
        } catch is CancellationError {
            let memory = memories[key] ?? CommandMemory()
            let traffic = memory.trafficSettled ? command.kind.settledTraffic.map { "; \($0)" } ?? "" : "; traffic did not move"
            finish(
                command,
                CommandOutcome(accepted: false, message: "cancelled by the operator after \(Self.tries(memory.attempts))\(traffic)", attempts: memory.attempts),
                before: before, canaryAfter: memory.trafficSettled ? (command.kind == .promote ? 100 : 0) : nil)
            throw CancellationError()
        }
    }

    private static func tries(_ count: Int) -> String {
        count == 1 ? "1 try" : "\(count) tries"
    }

    /// One try: read the service, then do what is not done yet.
    private func attempt(_ command: OperatorCommand) async throws -> CommandResult {
        guard let id = AWSRolloutID(command.rolloutID) else {
            throw CommandFailure("\(command.rolloutID) is not a rollout of this AWS source", isTransient: false)
        }
        let key = command.idempotencyKey
        memories[key, default: CommandMemory()].attempts += 1
        let memory = memories[key] ?? CommandMemory()
        let described = try await step("reading service \(id.service)", memory, byHand: "nothing was changed") {
            try await ECSClient(self.commandClient).describeServices(cluster: id.cluster, services: [id.service]).first
        }
        guard let service = described, service.status != "INACTIVE" else {
            throw CommandFailure(
                "service \(id.service) is no longer in cluster \(id.cluster); nothing was changed: check its load balancer's listeners by hand",
                isTransient: false, trafficSettled: memory.trafficSettled)
        }
        if service.deploymentController == "EXTERNAL" {
            return try await onTaskSets(command, service, id)
        }
        if service.deploymentController == "ECS", service.deploymentConfiguration?.isRunByECS == true {
            return try await onServiceDeployment(command, service, id)
        }
        if memory.redeployTo != nil || RolloutReading.deploymentRollout(ObservedService(cluster: id.cluster, service: service), region: "", now: now())
            .map({ $0.id == command.rolloutID && $0.isActive }) == true
        {
            return try await onDeployments(command, service, id)
        }
        return CommandResult(outcome: CommandOutcome(accepted: false, message: "the rollout has already ended"), canaryAfter: nil)
    }

    private func onTaskSets(_ command: OperatorCommand, _ service: ECSService, _ id: AWSRolloutID) async throws -> CommandResult {
        let key = command.idempotencyKey
        if command.kind == .pause || command.kind == .resume {
            let message = "\(command.kind.rawValue) needs a rollout engine stepping this rollout; on AWS cx moves traffic only when asked"
            return CommandResult(outcome: CommandOutcome(accepted: false, message: message), canaryAfter: nil)
        }
        if memories[key]?.canaryTaskSet == nil {
            // First look: the rollout must still be the one the operator saw.
            guard let pair = RolloutReading.taskSetPair(service), pair.canary.id == id.newSide else {
                return CommandResult(outcome: CommandOutcome(accepted: false, message: "the rollout has already ended"), canaryAfter: nil)
            }
            guard let stable = pair.stable.loadBalancers.first?.targetGroupARN, let canary = pair.canary.loadBalancers.first?.targetGroupARN else {
                return refusal("no ALB listener splits traffic between the task sets; nothing changed")
            }
            memories[key]?.stableGroup = stable
            memories[key]?.canaryGroup = canary
            memories[key]?.stableTaskSet = pair.stable.arn
            memories[key]?.canaryTaskSet = pair.canary.arn
        }
        let toCanary = command.kind == .promote
        let memory = memories[key] ?? CommandMemory()
        guard let stableGroup = memory.stableGroup, let canaryGroup = memory.canaryGroup else { return refusal("the rollout has already ended") }

        if !memory.trafficSettled {
            let weights = [stableGroup: toCanary ? 0 : 100, canaryGroup: toCanary ? 100 : 0]
            let byHand = "nothing was changed: set the weights by hand (stable \(weights[stableGroup]!), canary \(weights[canaryGroup]!)) on the listener forwarding to both target groups"
            let sites = try await step("reading the listeners", memory, byHand: byHand) { try await self.sites(stable: stableGroup, canary: canaryGroup) }
            guard let sites, !sites.isEmpty else { return refusal("no ALB listener splits traffic between the task sets; nothing changed") }
            // All sites are checked before any is written, so traffic is never left half moved.
            if let why = TrafficSites.whyUnwritable(sites) { return refusal("\(why); nothing changed") }
            let unmoved = sites.filter { !Self.shows(weights, $0) }
            // Traffic first: the moment the weights change, users are on the chosen side.
            try await step("moving traffic", memory, byHand: byHand) { try await TrafficSites(client: self.commandClient).apply(weights, to: unmoved) }
            let after = try await step("reading the listeners back", memory, byHand: byHand) { try await self.sites(stable: stableGroup, canary: canaryGroup) }
            guard let after, after.allSatisfy({ Self.shows(weights, $0) }) else {
                throw CommandFailure("reading the listeners back: they do not show the new weights yet", isTransient: true)
            }
            memories[key]?.trafficSettled = true
        }

        // Cleanup. The side left without traffic still runs tasks; `force` deletes a set not yet
        // scaled to zero, and a set already gone is what deleting it wanted.
        let ecs = ECSClient(commandClient)
        let settled = memories[key] ?? memory
        if toCanary {
            guard let canarySet = settled.canaryTaskSet, let stableSet = settled.stableTaskSet else { return refusal("the rollout has already ended") }
            if !settled.primarySwitched {
                let isPrimary = service.taskSets.contains { $0.arn == canarySet && $0.status == "PRIMARY" }
                if !isPrimary {
                    try await step("making the new task set primary", settled, byHand: "make it primary by hand: aws ecs update-service-primary-task-set --cluster \(id.cluster) --service \(id.service) --primary-task-set \(canarySet)") {
                        _ = try await ecs.updateServicePrimaryTaskSet(cluster: id.cluster, service: id.service, primaryTaskSet: canarySet)
                    }
                }
                memories[key]?.primarySwitched = true
            }
            try await delete(stableSet, of: service, id, settled, what: "the old task set")
            return CommandResult(
                outcome: CommandOutcome(accepted: true, message: "all traffic on the canary; it is primary, the old task set is deleted"), canaryAfter: 100)
        }
        guard let canarySet = settled.canaryTaskSet else { return refusal("the rollout has already ended") }
        try await delete(canarySet, of: service, id, settled, what: "the canary task set")
        return CommandResult(outcome: CommandOutcome(accepted: true, message: "all traffic on stable; the canary task set is deleted"), canaryAfter: 0)
    }

    /// Deletes a task set unless this try's read of the service shows it gone or draining: a
    /// delete whose answer was lost on an earlier try did its work. ECS says "not found"
    /// (TaskSetNotFoundException; a ClientException in some emulators) for one gone meanwhile.
    private func delete(_ taskSet: String, of service: ECSService, _ id: AWSRolloutID, _ memory: CommandMemory, what: String) async throws {
        guard service.taskSets.contains(where: { $0.arn == taskSet && $0.status != "DRAINING" }) else { return }
        let byHand = "delete it by hand: aws ecs delete-task-set --cluster \(id.cluster) --service \(id.service) --task-set \(taskSet) --force"
        do {
            _ = try await ECSClient(commandClient).deleteTaskSet(cluster: id.cluster, service: id.service, taskSet: taskSet, force: true)
        } catch let error as AWSError where error.errorClass == .notFound || (error.code == "ClientException" && error.message.contains("does not exist")) {
            return
        } catch {
            throw CommandStepFailure.make(error, step: "deleting \(what)", trafficSettled: memory.trafficSettled, byHand: byHand)
        }
    }

    private func onDeployments(_ command: OperatorCommand, _ service: ECSService, _ id: AWSRolloutID) async throws -> CommandResult {
        let key = command.idempotencyKey
        guard command.kind == .rollback || command.kind == .abort else {
            return refusal("an ECS rolling deployment moves on its own; only rollback is available")
        }
        let memory = memories[key] ?? CommandMemory()
        // A retry after the redeploy was sent: done once the service runs the old definition.
        if let target = memory.redeployTo, service.taskDefinition == target {
            return CommandResult(outcome: CommandOutcome(accepted: true, message: "redeploying \(VersionLabel.of(taskDefinitionARN: target))"), canaryAfter: 0)
        }
        guard let old = memory.redeployTo ?? RolloutReading.deploymentPair(service)?.old.taskDefinition else {
            return refusal("the rollout has already ended")
        }
        memories[key]?.redeployTo = old
        try await step("redeploying the previous task definition", memory, byHand: "redeploy it by hand: aws ecs update-service --cluster \(id.cluster) --service \(id.service) --task-definition \(old)") {
            _ = try await ECSClient(self.commandClient).updateService(cluster: id.cluster, service: id.service, taskDefinition: old, forceNewDeployment: true)
        }
        return CommandResult(outcome: CommandOutcome(accepted: true, message: "redeploying \(VersionLabel.of(taskDefinitionARN: old))"), canaryAfter: 0)
    }

    func refusal(_ message: String) -> CommandResult {
        CommandResult(outcome: CommandOutcome(accepted: false, message: message), canaryAfter: nil)
    }

    private static func shows(_ weights: [String: Int], _ site: TrafficSite) -> Bool {
        weights.allSatisfy { site.weight(of: $0.key) == $0.value }
    }

    func step<Value: Sendable>(
        _ name: String, _ memory: CommandMemory, byHand: String, _ work: @Sendable () async throws -> Value
    ) async throws -> Value {
        do {
            return try await work()
        } catch {
            throw CommandStepFailure.make(error, step: name, trafficSettled: memory.trafficSettled, byHand: byHand)
        }
    }

    /// A failed try that will be retried: a Timeline line, not an audit entry.
    private func note(_ command: OperatorCommand, _ attempt: CommandAttempt) {
        let settled = attempt.trafficSettled ? command.kind.settledTraffic.map { "\($0); cleanup pending: " } ?? "" : ""
        operatorEvents[command.rolloutID, default: []].append(TimelineEvent(
            time: now(), kind: .operatorAction, severity: .warning,
            message: "\(command.kind.rawValue) try \(attempt.number) failed: \(settled)\(attempt.error); next try in \(String(format: "%.1f", attempt.retryIn)) s",
            actor: command.actor
        ))
    }

    /// The Timeline line and the one audit entry of a command's outcome, accepted or not.
    private func finish(_ command: OperatorCommand, _ outcome: CommandOutcome, before: Rollout?, canaryAfter: Int?, phaseAfter: Phase? = nil) {
        let time = now()
        if outcome.accepted { outcomes[command.idempotencyKey] = (outcome, time) }
        let fromCanary = before?.traffic.canary ?? 0
        let toCanary = canaryAfter ?? fromCanary
        let tries = outcome.attempts > 1 ? " (after \(Self.tries(outcome.attempts)))" : ""
        operatorEvents[command.rolloutID, default: []].append(TimelineEvent(
            time: time, kind: .operatorAction, severity: outcome.accepted ? .info : .warning,
            message: "\(command.kind.rawValue)\(outcome.accepted ? "" : " refused"): \(outcome.message)\(tries)", actor: command.actor
        ))
        let fromPhase = before?.phase ?? .shifting
        let toPhase: Phase = phaseAfter ?? (canaryAfter == nil ? fromPhase : command.kind == .promote ? .succeeded : command.kind == .abort ? .failed : .rolledBack)
        try? audit?.append([AuditEntry(
            time: time, rolloutID: command.rolloutID, service: command.service, actor: command.actor, action: command.kind.rawValue,
            reason: outcome.accepted ? command.reason : [command.reason, outcome.message].compactMap { $0 }.joined(separator: "; "),
            fromPhase: fromPhase, toPhase: toPhase,
            fromCanaryPercent: fromCanary, toCanaryPercent: toCanary, accepted: outcome.accepted, attempts: outcome.attempts
        )])
    }
}

/// What one try of a command came to: the outcome, the canary's share after it (nil when
/// traffic did not move), and the phase it put the rollout in when that is not implied by the
/// share (ECS rolling back on its own time).
struct CommandResult: Sendable {
    var outcome: CommandOutcome
    var canaryAfter: Int?
    var phaseAfter: Phase?

    init(outcome: CommandOutcome, canaryAfter: Int?, phaseAfter: Phase? = nil) {
        self.outcome = outcome
        self.canaryAfter = canaryAfter
        self.phaseAfter = phaseAfter
    }
}
