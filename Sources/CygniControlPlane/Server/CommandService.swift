import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation
import Logging

/// Carries operator commands out, durably: each is committed to the store with its idempotency
/// record before the world is touched, and its answer, audit entry and event are committed
/// together before the client hears it. A restart finishes what was admitted but not answered.
/// With replicas, a command admitted by one is carried out by the one driving its rollout (in
/// its next round); the admitting one waits for that answer in the store.
struct CommandService: Sendable {
    let store: any ControlPlaneStore
    let world: WorldBackend
    let deploys: DeployService
    let events: EventHub
    let logger: Logger
    let inFlight = CommandsInFlight()

    /// How long a request waits for another replica's answer (its rounds run every second;
    /// a dead owner's lease takes its TTL to pass, and the request is better retried by then).
    static let answerWait: Duration = .seconds(10)

    /// Admits and carries out a request, or answers it again from the store.
    func execute(_ request: CommandRequest, on rollout: Rollout, by principal: Principal) async throws -> StoredResponse {
        let command = NewCommand(
            subject: principal.subject, idempotencyKey: request.idempotencyKey, requestHash: request.hash(rolloutID: rollout.id),
            rolloutID: rollout.id, service: rollout.service, action: .command(request.action), reason: request.reason,
            timeMilliseconds: Clock.milliseconds())
        switch try await store.admit(command) {
        case .replay(let response):
            return response
        case .inProgress(let id):
            if let response = try await answer(of: id, within: Self.answerWait) { return response }
            throw APIError.conflict("a request with this Idempotency-Key is still being carried out; retry it shortly")
        case .keyReused:
            throw APIError(
                status: .unprocessableContent, code: "idempotency_key_reused",
                message: "Idempotency-Key was already used for a different request; use a new key for a new command")
        case .admitted(let stored):
            return try await carryOut(stored, request.action)
        }
    }

    /// Hands an admitted command to the world, then commits its answer. When another replica
    /// drives the rollout, waits for that replica's answer instead.
    func carryOut(_ stored: StoredCommand, _ action: OperatorAction) async throws -> StoredResponse {
        guard await inFlight.begin(stored.id) else { return try await awaitElsewhere(stored) }
        defer { Task { [inFlight] in await inFlight.end(stored.id) } }
        let command = stored.command
        let outcome: CommandOutcome
        do {
            outcome = try await world.controlPlane.performOnce(operatorCommand(stored, action))
        } catch is DrivenElsewhere {
            return try await awaitElsewhere(stored)
        } catch {
            // The command stays admitted and unanswered: a retry with its key waits for it, and
            // the next engine round (or a restart) carries it out.
            logger.error("command could not be carried out", metadata: ["command": "\(stored.id)", "error": "\(error)"])
            throw APIError(status: .serviceUnavailable, code: "unavailable", message: "the world behind cygnid did not answer; retry with the same Idempotency-Key")
        }
        let rollout = try? await world.controlPlane.rollouts().first { $0.id == command.rolloutID }
        let response: StoredResponse
        if outcome.accepted {
            let answer = CommandAnswer(
                command: .init(
                    id: stored.id, action: command.action.rawValue, rolloutId: command.rolloutID, accepted: true,
                    message: outcome.message, idempotencyKey: command.idempotencyKey),
                rollout: rollout.map { RolloutDocument($0) })
            response = StoredResponse(status: 200, body: Array(JSONBody.encode(answer)))
        } else {
            response = StoredResponse(status: 409, body: Array(APIError.conflict(outcome.message).body))
        }
        let now = Clock.milliseconds()
        let audit = AuditDraft(
            timeMilliseconds: now, actor: command.subject, rolloutID: command.rolloutID, action: command.action.rawValue,
            outcome: outcome.accepted ? .accepted : .refused, reason: command.reason, detail: outcome.message)
        let event = EventDraft(type: "command", data: String(decoding: JSONBody.encode(CommandEvent(stored, outcome: outcome)), as: UTF8.self), timeMilliseconds: now)
        guard try await store.complete(commandID: stored.id, response: response, audit: audit, event: event) != nil else {
            // Answered meanwhile elsewhere: that answer is the command's.
            return try await store.command(id: stored.id)?.response ?? response
        }
        await events.notify()
        return response
    }

    /// The answer another replica (or request) gives, or a 503 to retry with the same key.
    private func awaitElsewhere(_ stored: StoredCommand) async throws -> StoredResponse {
        if let response = try await answer(of: stored.id, within: Self.answerWait) { return response }
        throw APIError(
            status: .serviceUnavailable, code: "unavailable",
            message: "command \(stored.id) is admitted; the replica driving rollout \(stored.command.rolloutID) has not answered it yet. Retry with the same Idempotency-Key for its answer")
    }

    /// The stored answer to command `id` once there is one, polled until `wait` has passed.
    private func answer(of id: Int64, within wait: Duration) async throws -> StoredResponse? {
        let deadline = ContinuousClock.now + wait
        while true {
            if let response = try await store.command(id: id)?.response { return response }
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Each engine round, and at start: the admitted commands this process answers (on AWS,
    /// those for the rollouts this replica drives) carried out; failures stay for the next round.
    func answerUnanswered() async {
        let unanswered: [StoredCommand]
        do {
            unanswered = try await store.unansweredCommands()
        } catch {
            logger.error("reading unanswered commands failed", metadata: ["error": "\(error)"])
            return
        }
        for stored in unanswered {
            // Deploys are the deploy service's to finish.
            guard let action = stored.command.action.operatorAction, await world.answers(commandsFor: stored.command.rolloutID) else { continue }
            logger.info("carrying out an admitted command", metadata: ["command": "\(stored.id)"])
            do {
                _ = try await carryOut(stored, action)
            } catch {
                logger.warning("admitted command not carried out yet", metadata: ["command": "\(stored.id)", "error": "\(error)"])
            }
        }
    }

    /// At start: a world that begins afresh gets every answered command again (its own
    /// idempotency makes each act once), and every admitted-but-unanswered one is carried out.
    func resume() async throws {
        if world.replaysCommandsAtStart {
            // Deploys too, in order, so the commands after one find its rollout.
            for stored in try await store.commands() {
                guard let action = stored.command.action.operatorAction else {
                    await deploys.replay(stored)
                    continue
                }
                // Only what was carried out: a command refused then may fit the fresh world now.
                guard stored.response?.status == 200 else { continue }
                _ = try? await world.controlPlane.performOnce(operatorCommand(stored, action))
            }
        }
        await answerUnanswered()
    }

    private func operatorCommand(_ stored: StoredCommand, _ action: OperatorAction) -> OperatorCommand {
        // The store's id is the world's idempotency key: one stored command acts at most once.
        OperatorCommand(
            kind: action, rolloutID: stored.command.rolloutID, service: stored.command.service,
            reason: stored.command.reason, actor: "operator:\(stored.command.subject)", idempotencyKey: "cygnid-command-\(stored.id)")
    }
}

extension CommandEvent {
    init(_ stored: StoredCommand, outcome: CommandOutcome) {
        self.init(
            id: stored.id, rolloutId: stored.command.rolloutID, action: stored.command.action.rawValue,
            actor: stored.command.subject, accepted: outcome.accepted, message: outcome.message)
    }
}
