import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation
import Logging

/// Carries operator commands out, durably: each is committed to the store with its idempotency
/// record before the world is touched, and its answer, audit entry and event are committed
/// together before the client hears it. A restart finishes what was admitted but not answered.
struct CommandService: Sendable {
    let store: any ControlPlaneStore
    let world: WorldBackend
    let deploys: DeployService
    let events: EventHub
    let logger: Logger

    /// Admits and carries out a request, or answers it again from the store.
    func execute(_ request: CommandRequest, on rollout: Rollout, by principal: Principal) async throws -> StoredResponse {
        let command = NewCommand(
            subject: principal.subject, idempotencyKey: request.idempotencyKey, requestHash: request.hash(rolloutID: rollout.id),
            rolloutID: rollout.id, service: rollout.service, action: .command(request.action), reason: request.reason,
            timeMilliseconds: Clock.milliseconds())
        switch try await store.admit(command) {
        case .replay(let response):
            return response
        case .inProgress:
            throw APIError.conflict("a request with this Idempotency-Key is still being carried out; retry it shortly")
        case .keyReused:
            throw APIError(
                status: .unprocessableContent, code: "idempotency_key_reused",
                message: "Idempotency-Key was already used for a different request; use a new key for a new command")
        case .admitted(let stored):
            return try await carryOut(stored, request.action)
        }
    }

    /// Hands an admitted command to the world, then commits its answer.
    func carryOut(_ stored: StoredCommand, _ action: OperatorAction) async throws -> StoredResponse {
        let command = stored.command
        let outcome: CommandOutcome
        do {
            outcome = try await world.controlPlane.performOnce(operatorCommand(stored, action))
        } catch {
            // The command stays admitted and unanswered: a retry with its key gets a 409 until
            // a restart (or, later, the engine's reconciliation) carries it out.
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
        _ = try await store.complete(commandID: stored.id, response: response, audit: audit, event: event)
        await events.notify()
        return response
    }

    /// At start: a world that begins afresh gets every answered command again (its own
    /// idempotency makes each act once), and every admitted-but-unanswered one is carried out.
    func resume() async throws {
        // Deploys are the deploy service's to finish; a fresh world gets them again, in order.
        for stored in try await store.commands() {
            guard let action = stored.command.action.operatorAction else {
                if world.replaysCommandsAtStart { await deploys.replay(stored) }
                continue
            }
            if let response = stored.response {
                // Only what was carried out: a command refused then may fit the fresh world now.
                if world.replaysCommandsAtStart, response.status == 200 {
                    _ = try? await world.controlPlane.performOnce(operatorCommand(stored, action))
                }
            } else {
                logger.info("carrying out a command admitted before the restart", metadata: ["command": "\(stored.id)"])
                _ = try await carryOut(stored, action)
            }
        }
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
