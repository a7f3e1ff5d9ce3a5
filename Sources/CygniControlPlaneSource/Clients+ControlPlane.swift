import CygniClients
import CygniModel
import Foundation

extension Clients {
    /// The console's clients through cygnid: rollouts, commands and their events from its API.
    /// cygnid serves no telemetry or cost yet (no /v1/slo, /v1/traces, /v1/logs, /v1/cost): those
    /// panes and commands say so instead of showing anything made up.
    public static func controlPlane(_ connection: ControlPlaneConnection) -> Clients {
        let rollouts = ControlPlaneRollouts(connection: connection)
        let host = connection.address.host
        @Sendable func notServed(_ what: String) -> ClientError {
            .notRead("cygnid at \(host) does not serve \(what) yet")
        }
        var clients = Clients(
            source: SourceDescription(kind: .controlPlane, label: "cygnid \(host) · \(connection.token.holder)"),
            controlPlane: ControlPlaneClient(
                rollouts: { try await rollouts.rollouts() },
                perform: { command, retry, failed in try await rollouts.perform(command, retry: retry, failed: failed) },
                updates: { rollouts.updates() }),
            telemetry: TelemetryClient(
                slos: { throw notServed("SLOs") },
                traces: { _ in throw notServed("traces") },
                logs: { _ in throw notServed("logs") },
                logsForTrace: { _, _ in throw notServed("logs") }),
            cost: CostClient { throw notServed("cost") },
            clock: WorldClock { rollouts.worldTime.now() })
        clients.traceSearch = TraceSearchClient(
            summaries: { _ in throw notServed("traces") },
            logs: { _ in throw notServed("logs") })
        clients.spend = SpendClient { _ in throw notServed("spend") }
        clients.prices = .builtInTable(reason: "cygnid serves no price list")
        let deploys = ControlPlaneDeploys(connection: connection)
        clients.controlPlane.deploys = DeployClient(
            preview: { order in try await deploys.preview(order) },
            deploy: { order, retry, failed in try await deploys.deploy(order, retry: retry, failed: failed) })
        let doctor = ControlPlaneDoctor(connection: connection)
        clients.doctor = DoctorClient { timeout in await doctor.checks(timeout: timeout) }
        return clients
    }
}
