import CygniAWS
import CygniAWSProvider
import CygniClients
import CygniControlPlaneAPI
import CygniModel
import CygniRollout
import Foundation
import Logging

/// Starts rollouts, durably and once per `Idempotency-Key`: the deploy is admitted with its
/// body before AWS is touched; the provider reads the service and registers the new revision;
/// the rollout row is inserted leased to this replica (one active rollout per service, the
/// store decides); and the answer, audit entry and event are committed together. A restart
/// finishes a deploy that was admitted but not answered.
struct DeployService: Sendable {
    let store: any ControlPlaneStore
    let world: WorldBackend
    let events: EventHub
    let logger: Logger

    var runner: EngineRunner? { world.runner }

    /// The `rollout` of a 201: the new rollout as the API shows it.
    struct Answer: Encodable {
        var rollout: RolloutDocument
    }

    /// The `plan` of a dry run's 200.
    struct PlanAnswer: Encodable {
        var plan: DeployPreview
    }

    /// A dry run: what the deploy would run and cost, checked as the deploy is (the service,
    /// the versions, one rollout at a time), with nothing started, stored or audited.
    func preview(_ request: DeployRequest) async throws -> PlanAnswer {
        let spec = request.spec
        let planned = try await world.deploys.plan(spec, Self.newID(for: spec))
        let plan = planned.plan
        let quote = await world.deploys.prices.fargate(FargatePriceRequest(
            architecture: plan.fleet.architecture == .arm ? .arm : .x86, region: plan.region))
        return PlanAnswer(plan: DeployPreview(service: "\(spec.cluster)/\(spec.service)", plan: plan, running: planned.running, quote: quote.quote))
    }

    private static func newID(for spec: DeploySpec) -> String {
        "\(spec.service)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }

    func execute(_ request: DeployRequest, by principal: Principal) async throws -> StoredResponse {
        let spec = request.spec
        let id = Self.newID(for: spec)
        let body = String(decoding: (try? JSONEncoder().encode(spec)) ?? Data(), as: UTF8.self)
        let command = NewCommand(
            subject: principal.subject, idempotencyKey: request.idempotencyKey, requestHash: request.hash, rolloutID: id,
            service: "\(spec.cluster)/\(spec.service)", action: .deploy, reason: spec.reason, timeMilliseconds: Clock.milliseconds(), body: body)
        switch try await store.admit(command) {
        case .replay(let response):
            return response
        case .inProgress:
            throw APIError.conflict("a deploy with this Idempotency-Key is still being carried out; retry it shortly")
        case .keyReused:
            throw APIError(
                status: .unprocessableContent, code: "idempotency_key_reused",
                message: "Idempotency-Key was already used for a different request; use a new key for a new deploy")
        case .admitted(let stored):
            return try await carryOut(stored)
        }
    }

    /// Prepares and inserts the rollout of an admitted deploy, then commits its answer.
    func carryOut(_ stored: StoredCommand) async throws -> StoredResponse {
        let command = stored.command
        guard let spec = Self.spec(of: stored) else {
            return try await answer(stored, APIError.invalidField("the stored deploy request is unreadable; send it again with a new Idempotency-Key"))
        }
        guard let runner else { return try await start(stored, spec) }
        if let busy = await runner.activeRollout(of: command.service), busy != command.rolloutID {
            return try await answer(stored, APIError.busy(command.service, rollout: busy))
        }
        let now = runner.clock()
        let prepared: (rollout: AWSRollout, plan: RolloutPlan)
        do {
            prepared = try await prepare(spec, id: command.rolloutID, at: now, provider: runner.provider)
        } catch let refusal as ProviderRefusal {
            let error = refusal.kind == .conflict ? APIError.conflict(refusal.message) : APIError.invalidField(refusal.message)
            return try await answer(stored, error)
        } catch {
            logger.error("deploy could not be prepared", metadata: ["command": "\(stored.id)", "error": "\(error)"])
            return try await answer(stored, APIError(
                status: .serviceUnavailable, code: "unavailable",
                message: "AWS did not answer while preparing the deploy (\(Self.line(error))); nothing was started: send it again with a new Idempotency-Key"))
        }
        let record: EngineRecord
        do {
            record = EngineRecord(provider: prepared.rollout, engine: try RolloutEngine.start(plan: prepared.plan, at: now))
        } catch {
            return try await answer(stored, APIError.invalidField("\(error.parameter) \(error.problem)"))
        }
        let insertion = try await store.insertRollout(NewRollout(
            id: record.id, service: command.service, record: try record.encoded(), owner: runner.replica,
            ttlMilliseconds: Int64(runner.leaseTTL.components.seconds * 1000), timeMilliseconds: Clock.milliseconds()))
        switch insertion {
        case .inserted(let lease):
            await runner.adopt(record, lease: lease)
        case .exists:
            // Inserted before a crash: the runner claims it with its other rollouts.
            break
        case .serviceBusy(let other):
            return try await answer(stored, APIError.busy(command.service, rollout: other))
        }
        let rollout = await runner.rollouts().first { $0.id == record.id } ?? record.rollout
        return try await created(stored, rollout)
    }

    /// A deploy in a world that runs its rollouts in-process (the sandbox): started there.
    private func start(_ stored: StoredCommand, _ spec: DeploySpec) async throws -> StoredResponse {
        guard let start = world.deploys.start else { throw APIError.conflict("this world starts no rollouts") }
        do {
            return try await created(stored, try await start(spec, stored.command.rolloutID, stored.command.subject))
        } catch let error as APIError {
            return try await answer(stored, error)
        }
    }

    private func created(_ stored: StoredCommand, _ rollout: Rollout) async throws -> StoredResponse {
        let response = StoredResponse(status: 201, body: Array(JSONBody.encode(Answer(rollout: RolloutDocument(rollout)))))
        try await complete(stored, response, outcome: .accepted, detail: "\(rollout.fromVersion) -> \(rollout.toVersion), \(rollout.strategy.rawValue) \(rollout.steps)")
        return response
    }

    private static func spec(of stored: StoredCommand) -> DeploySpec? {
        stored.command.body.flatMap { try? JSONDecoder().decode(DeploySpec.self, from: Data($0.utf8)) }
    }

    /// At start, in a world that begins afresh (the sandbox): a deploy that was carried out is
    /// started again, so the commands after it find its rollout.
    func replay(_ stored: StoredCommand) async {
        guard stored.response?.status == 201, let start = world.deploys.start, let spec = Self.spec(of: stored) else { return }
        _ = try? await start(spec, stored.command.rolloutID, stored.command.subject)
    }

    /// Transient AWS failures while preparing are tried a few times before the deploy fails.
    private func prepare(_ spec: DeploySpec, id: String, at now: Date, provider: EngineProvider) async throws -> (rollout: AWSRollout, plan: RolloutPlan) {
        for delay in [0.25, 0.5] {
            do {
                return try await provider.prepare(spec, id: id, at: now)
            } catch let error as AWSError where error.errorClass == .throttling || error.errorClass == .server || error.errorClass == .network {
                try await Task.sleep(for: .seconds(delay))
            }
        }
        return try await provider.prepare(spec, id: id, at: now)
    }

    private func answer(_ stored: StoredCommand, _ error: APIError) async throws -> StoredResponse {
        let response = StoredResponse(status: Int(error.status.code), body: Array(error.body))
        try await complete(stored, response, outcome: .refused, detail: error.message)
        return response
    }

    private func complete(_ stored: StoredCommand, _ response: StoredResponse, outcome: AuditDraft.Outcome, detail: String) async throws {
        let now = Clock.milliseconds()
        let command = stored.command
        let audit = AuditDraft(
            timeMilliseconds: now, actor: command.subject, rolloutID: command.rolloutID, action: "deploy", outcome: outcome,
            reason: command.reason, detail: "\(command.service): \(detail)")
        let data = DeployEvent(id: stored.id, rolloutId: command.rolloutID, service: command.service, actor: command.subject, status: response.status)
        let event = EventDraft(type: "deploy", data: String(decoding: JSONBody.encode(data), as: UTF8.self), timeMilliseconds: now)
        _ = try await store.complete(commandID: stored.id, response: response, audit: audit, event: event)
        await events.notify()
    }

    private static func line(_ error: Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "error"
    }

    /// At start: deploys admitted but not answered before a crash are carried out now.
    func resume() async throws {
        for stored in try await store.commands() where stored.command.action == .deploy && stored.response == nil {
            logger.info("carrying out a deploy admitted before the restart", metadata: ["command": "\(stored.id)"])
            _ = try await carryOut(stored)
        }
    }
}

/// The `deploy` event's data.
private struct DeployEvent: Encodable {
    var id: Int64
    var rolloutId: String
    var service: String
    var actor: String
    var status: Int
}
