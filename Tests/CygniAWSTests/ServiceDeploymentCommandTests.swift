import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Operator commands on deployments ECS runs itself, carried out through ECS on the extended
/// moto: rollback and abort by StopServiceDeployment, resume and rollback at a PAUSE hook by
/// ContinueServiceDeployment, pause and promote refused with the reason; each once per
/// idempotency key, tried again through faults without acting twice, and audited.
struct ServiceDeploymentCommandTests {
    struct Setup {
        let fixture: ServiceDeploymentFixture
        let plane: AWSControlPlane
        let audit: Locked<[AuditEntry]>

        func rollout() async throws -> Rollout {
            try #require(try await plane.rollouts().first { $0.service == fixture.service })
        }

        func command(_ kind: OperatorCommand.Kind, key: String = UUID().uuidString) async throws -> OperatorCommand {
            OperatorCommand(kind: kind, rolloutID: try await rollout().id, service: fixture.service, reason: "5xx", actor: "operator:ana", idempotencyKey: key)
        }
    }

    func setup(_ fixture: ServiceDeploymentFixture, client: AWSClient? = nil, advance: Double) async throws -> Setup {
        let audit = Locked<[AuditEntry]>([])
        let client = client ?? fixture.client
        let plane = AWSControlPlane(
            client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]),
            audit: AuditWriter { new in audit.withLock { $0 += new } }, commandTimeout: 5)
        try await fixture.deploy()
        try await fixture.advance(advance)
        return Setup(fixture: fixture, plane: plane, audit: audit)
    }

    /// Ten minutes in: the canary has 10% and bakes.
    static let baking: Double = 10 * 60
    /// Six minutes in: a PAUSE hook holds the first shift.
    static let heldAtFirstShift: Double = 6 * 60

    @Test func rollbackWithoutAHookIsStopServiceDeploymentRollback() async throws {
        let setup = try await setup(try await ServiceDeploymentFixture.canary(region: "eu-west-2"), advance: Self.baking)
        #expect(try await setup.rollout().traffic == TrafficSplit(canary: 10))
        let rollback = try await setup.command(.rollback)
        let outcome = try await setup.plane.perform(rollback)
        #expect(outcome.accepted && outcome.message == "ECS is rolling the deployment back (StopServiceDeployment ROLLBACK)", "\(outcome)")
        #expect(try await setup.fixture.deployment().status == "ROLLBACK_REQUESTED")
        let again = try await setup.plane.perform(rollback)
        #expect(again.duplicate && again.accepted)

        let rollingBack = try await setup.rollout()
        #expect(rollingBack.phase == .rollingBack)
        #expect(rollingBack.reason == "rolled back by StopServiceDeployment (ROLLBACK)")
        #expect(rollingBack.events.contains { $0.kind == .operatorAction && $0.message.hasPrefix("rollback: ECS is rolling") })
        try await setup.fixture.advance(2 * 60)
        let rolledBack = try await setup.rollout()
        #expect(rolledBack.phase == .rolledBack && rolledBack.traffic == .allStable)
        #expect(try await setup.fixture.listenerWeights() == [100, 0])

        let entries = setup.audit.withLock { $0 }
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.action == "rollback" && entry.accepted && entry.reason == "5xx" && entry.actor == "operator:ana")
        #expect(entry.fromPhase == .baking && entry.toPhase == .rollingBack && entry.fromCanaryPercent == 10)
    }

    @Test func abortIsStopServiceDeploymentAbortAndPauseIsRefusedWithoutAHook() async throws {
        let setup = try await setup(try await ServiceDeploymentFixture.canary(region: "eu-west-2"), advance: Self.baking)
        let pause = try await setup.plane.perform(try await setup.command(.pause))
        #expect(!pause.accepted && pause.message.contains("has no PAUSE lifecycle hook"), "\(pause.message)")
        let promote = try await setup.plane.perform(try await setup.command(.promote))
        #expect(!promote.accepted && promote.message.contains("no call to skip to 100%"), "\(promote.message)")
        let resume = try await setup.plane.perform(try await setup.command(.resume))
        #expect(!resume.accepted && resume.message.contains("nothing holds this deployment"), "\(resume.message)")
        #expect(try await setup.fixture.deployment().status == "IN_PROGRESS")

        let abort = try await setup.plane.perform(try await setup.command(.abort))
        #expect(abort.accepted && abort.message.contains("StopServiceDeployment ABORT"), "\(abort)")
        #expect(try await setup.fixture.deployment().status == "STOP_REQUESTED")
        // Rolling back what ECS is already stopping asks nothing more of it.
        let rollback = try await setup.plane.perform(try await setup.command(.rollback))
        #expect(rollback.accepted && rollback.message == "ECS is already stopping the deployment (STOP_REQUESTED)", "\(rollback)")
        try await setup.fixture.advance(60)
        let stopped = try await setup.rollout()
        #expect(stopped.phase == .failed && stopped.traffic == .allStable)
        let late = try await setup.plane.perform(OperatorCommand(
            kind: .rollback, rolloutID: stopped.id, service: setup.fixture.service, reason: nil, actor: "operator:ana", idempotencyKey: UUID().uuidString))
        #expect(!late.accepted && late.message == "the rollout has already ended: ECS says STOPPED")
        #expect(setup.audit.withLock { $0 }.map(\.accepted) == [false, false, false, true, true, false])
    }

    @Test func atAPauseHookResumeContinuesAndRollbackRollsBack() async throws {
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", percent: 5, bakeMinutes: 1, hooks: [ServiceDeploymentFixture.pauseBeforeShifts()])
        let setup = try await setup(fixture, advance: Self.heldAtFirstShift)
        #expect(try await setup.rollout().phase == .paused)
        let pause = try await setup.plane.perform(try await setup.command(.pause))
        #expect(!pause.accepted && pause.message.contains("already held by a PAUSE lifecycle hook"), "\(pause.message)")

        let resume = try await setup.plane.perform(try await setup.command(.resume))
        #expect(resume.accepted && resume.message == "ECS continues the deployment past the PAUSE hook (ContinueServiceDeployment CONTINUE)", "\(resume)")
        let shifted = try await setup.rollout()
        #expect(shifted.phase == .shifting && shifted.traffic == TrafficSplit(canary: 5))
        let notHeld = try await setup.plane.perform(try await setup.command(.pause))
        #expect(!notHeld.accepted && notHeld.message.contains("only at its PAUSE hook (PRE_PRODUCTION_TRAFFIC_SHIFT)"), "\(notHeld.message)")

        // Through the canary's minute of bake to the next hook, which rollback answers.
        try await fixture.advance(3 * 60)
        let held = try await setup.rollout()
        #expect(held.phase == .paused && held.traffic == TrafficSplit(canary: 5))
        let rollback = try await setup.plane.perform(try await setup.command(.rollback))
        #expect(rollback.accepted && rollback.message.hasSuffix("(ContinueServiceDeployment ROLLBACK)"), "\(rollback)")
        let deployment = try await fixture.deployment()
        #expect(deployment.status == "ROLLBACK_REQUESTED" && deployment.hooks.first?.status == "FAILED")
        try await fixture.advance(2 * 60)
        #expect(try await setup.rollout().phase == .rolledBack)
    }

    /// ContinueServiceDeployment reaches ECS but its answer is cut: the next try reads the
    /// deployment, sees the hook continued, and says so; it never continues the next hook.
    @Test func aLostAnswerIsNotActedOnTwice() async throws {
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", percent: 5, bakeMinutes: 0, finalBake: 0, hooks: [ServiceDeploymentFixture.pauseBeforeShifts()])
        let proxy = FaultProxy()
        let client = try await motoClient(region: "eu-west-2", endpoint: try await proxy.endpoint())
        let setup = try await setup(fixture, client: client, advance: Self.heldAtFirstShift)
        let first = try #require(try await fixture.deployment().hooks.first)
        try await proxy.queue("truncate when ContinueServiceDeployment")
        let retry = CommandRetry(deadline: 120, sleep: { _ in try await Task.sleep(for: .milliseconds(5)) })
        let failures = Locked<[CommandAttempt]>([])
        let resume = try await setup.plane.perform(try await setup.command(.resume), retry: retry) { attempt in failures.withLock { $0.append(attempt) } }
        #expect(resume.accepted && resume.attempts == 2, "\(resume)")
        #expect(failures.withLock { $0.count } == 1)
        try await fixture.advance(2 * 60)
        let deployment = try await fixture.deployment()
        #expect(deployment.hooks.first.map { $0.hookID != first.hookID && $0.status == "AWAITING_ACTION" } == true, "\(deployment.hooks)")
        #expect(deployment.targetRevision?.productionTrafficWeight == 5)

        // A 503 never reached ECS: the next try finds the hook still waiting and asks again.
        try await proxy.queue("503 when ContinueServiceDeployment")
        let rollback = try await setup.plane.perform(try await setup.command(.rollback), retry: retry) { _ in }
        #expect(rollback.accepted && rollback.message.hasSuffix("(ContinueServiceDeployment ROLLBACK)"), "\(rollback)")
        #expect(try await fixture.deployment().status == "ROLLBACK_REQUESTED")
        #expect(setup.audit.withLock { $0 }.map(\.attempts) == [2, 2])
    }
}
