import CygniAWSSource
import CygniClients
import CygniRollout

extension WorldBackend {
    /// The rollouts cygnid's engine drives on AWS. Its owners commit their own events and
    /// audit entries with each decision, so nothing is left for the world watcher to announce.
    /// Its telemetry is read as the console on the account reads it (`reads`).
    static func aws(_ runner: EngineRunner, reads: WorldReads, label: String, prices: PriceClient) -> WorldBackend {
        let (decisions, continuation) = AsyncStream.makeStream(of: [AuditEntry].self)
        continuation.finish()
        return WorldBackend(
            label: label,
            controlPlane: ControlPlaneClient(
                rollouts: { await runner.rollouts() },
                perform: { command, _, _ in try await runner.perform(command) }),
            clock: WorldClock { runner.clock() },
            engineDecisions: decisions, replaysCommandsAtStart: false, deploys: .aws(runner, prices: prices), runner: runner, reads: reads)
    }
}
