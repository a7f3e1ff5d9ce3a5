import CygniClients
import CygniModel
import Foundation

extension Clients {
    /// The console's clients through cygnid: rollouts, commands and their events, and the
    /// telemetry cygnid reads from its source once for every console (SLOs, traces, logs, cost,
    /// spend, trace search, and its source's doctor checks).
    public static func controlPlane(_ connection: ControlPlaneConnection) -> Clients {
        let rollouts = ControlPlaneRollouts(connection: connection)
        let telemetry = ControlPlaneTelemetry(connection: connection)
        let host = connection.address.host
        var clients = Clients(
            source: SourceDescription(kind: .controlPlane, label: "cygnid \(host) · \(connection.token.holder)"),
            controlPlane: ControlPlaneClient(
                rollouts: { try await rollouts.rollouts() },
                perform: { command, retry, failed in try await rollouts.perform(command, retry: retry, failed: failed) },
                updates: { rollouts.updates() }),
            telemetry: TelemetryClient(
                slos: { try await telemetry.slos() },
                traces: { since in try await telemetry.traces(since: since) },
                logs: { since in try await telemetry.logs(since: since) },
                logsForTrace: { trace, span in
                    try await telemetry.traceLogs(TraceLogQuery(trace: trace, span: span, limit: TraceLogQuery.paneLimit)).events
                }),
            cost: CostClient { try await telemetry.cost() },
            clock: WorldClock { await rollouts.worldNow() })
        clients.traceSearch = TraceSearchClient(
            summaries: { query in try await telemetry.summaries(query) },
            logs: { query in try await telemetry.traceLogs(query) })
        clients.spend = SpendClient { query in try await telemetry.spend(query) }
        clients.prices = .builtInTable(reason: "cygnid serves no price list")
        // cygnid's requests, not this console's: through cygnid the console asks AWS nothing itself.
        clients.awsUsage = AWSUsageClient { try await telemetry.awsUsage() }
        let deploys = ControlPlaneDeploys(connection: connection)
        clients.controlPlane.deploys = DeployClient(
            preview: { order in try await deploys.preview(order) },
            deploy: { order, retry, failed in try await deploys.deploy(order, retry: retry, failed: failed) })
        let doctor = ControlPlaneDoctor(connection: connection)
        clients.doctor = DoctorClient { timeout in await doctor.checks(timeout: timeout) }
        return clients
    }
}
