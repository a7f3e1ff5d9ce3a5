import CygniClients
import CygniModel
import CygniRollout
import CygniSandbox
import Foundation

/// What the API runs against: rollouts to read and act on, and the engine's own decisions to
/// audit: the sandbox, or the engine driving task sets on AWS.
public struct WorldBackend: Sendable {
    public var label: String
    public var controlPlane: ControlPlaneClient
    /// The world's time: virtual in the sandbox, wall time on AWS.
    public var clock: WorldClock
    /// The engine's automatic decisions (advance, auto-rollback, promote ...), as they happen.
    public var engineDecisions: AsyncStream<[AuditEntry]>
    /// True when the world starts afresh with each process (the sandbox): the store's commands
    /// are replayed into it at start, so an acknowledged command holds across a restart.
    public var replaysCommandsAtStart: Bool
    /// Deploys: their plans, prices and, in the sandbox, their start.
    var deploys: WorldDeploys
    /// The engine's runner, when cygnid drives the rollouts itself (AWS).
    var runner: EngineRunner?
    /// SLOs, traces, logs, cost and checks, for the telemetry routes.
    var reads: WorldReads

    /// One rollout as the world has it now. On AWS a replica also finds one another replica
    /// admitted a moment ago, before its next round reads it.
    func rollout(id: String) async throws -> Rollout? {
        if let runner { return await runner.rollout(id: id) }
        return try await controlPlane.rollouts().first { $0.id == id }
    }

    /// Whether this process carries out commands for `rolloutID`: always for the sandbox; on
    /// AWS, when this replica drives the rollout (or it has ended).
    func answers(commandsFor rolloutID: String) async -> Bool {
        guard let runner else { return true }
        return await runner.answers(commandsFor: rolloutID)
    }
}

/// How the sandbox world behind `cygnid serve --sandbox` runs.
public struct SandboxOptions: Equatable, Sendable {
    public var seed: UInt64
    public var scenario: Scenario
    /// Virtual seconds per real second.
    public var speed: Double
    /// Finished canaries before the world began, for long lists (benchmarks).
    public var pastRollouts = 0

    public init(seed: UInt64 = 42, scenario: Scenario = .canaryPass, speed: Double = 1) {
        self.seed = seed
        self.scenario = scenario
        self.speed = speed
    }
}

extension WorldBackend {
    public static func sandbox(_ options: SandboxOptions) -> WorldBackend {
        let (decisions, continuation) = AsyncStream.makeStream(of: [AuditEntry].self)
        var configuration = SandboxConfiguration(seed: options.seed, scenario: options.scenario)
        configuration.pastRollouts = options.pastRollouts
        // Operator commands are audited where they arrive, with the token's subject; the
        // engine's writer adds only what the engine decided by itself.
        let writer = AuditWriter { entries in
            let automatic = entries.filter { $0.actor == "engine" }
            if !automatic.isEmpty { continuation.yield(automatic) }
        }
        let world = SandboxWorld(configuration: configuration, auditWriter: writer)
        let time = SandboxTimeSource.realTime(speed: options.speed, startedAt: .now)
        let clients = Clients.sandbox(world: world, time: time, label: configuration.label)
        return WorldBackend(
            label: configuration.label, controlPlane: clients.controlPlane, clock: clients.clock, engineDecisions: decisions, replaysCommandsAtStart: true,
            deploys: .sandbox(world, time: time), reads: WorldReads(clients))
    }
}
