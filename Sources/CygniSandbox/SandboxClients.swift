import CygniClients
import CygniModel
import Foundation

/// How the sandbox's virtual time follows the console.
public enum SandboxTimeSource: Sendable {
    /// Frozen at a virtual time (snapshots, `--at`).
    case fixed(seconds: Double)
    /// Virtual time runs `speed` times faster than real time since `startedAt`.
    case realTime(speed: Double, startedAt: ContinuousClock.Instant)

    /// The virtual seconds the world should have reached at real instant `now`.
    public func targetSeconds(at now: ContinuousClock.Instant = .now) -> Double {
        switch self {
        case .fixed(let seconds):
            return seconds
        case .realTime(let speed, let startedAt):
            let elapsed = startedAt.duration(to: now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            return max(0, seconds * speed)
        }
    }
}

extension Clients {
    /// Clients answered by an in-process sandbox world. Every call first brings the world to the
    /// time source's target, then answers, so a console that reads nothing costs nothing.
    public static func sandbox(world: SandboxWorld, time: SandboxTimeSource, label: String) -> Clients {
        @Sendable func caughtUp() async -> SandboxWorld {
            await world.advance(to: time.targetSeconds())
            return world
        }
        var clients = Clients(
            source: SourceDescription(kind: .sandbox, label: label),
            controlPlane: ControlPlaneClient(
                rollouts: { await caughtUp().rollouts() },
                perform: { command, _, _ in await caughtUp().perform(command) }),
            telemetry: TelemetryClient(
                slos: { await caughtUp().slos() },
                traces: { since in await caughtUp().traces(since: since) },
                logs: { since in await caughtUp().logs(since: since) },
                logsForTrace: { trace, span in await caughtUp().logsForTrace(trace, span: span) }),
            cost: CostClient(report: { await caughtUp().costReport() }),
            clock: WorldClock(now: { await caughtUp().now }))
        clients.traceSearch = TraceSearchClient(
            summaries: { query in await caughtUp().traceSummaries(query) },
            logs: { query in await caughtUp().traceLogs(query) })
        clients.spend = SpendClient { query in await caughtUp().spend(query) }
        // The sandbox's tasks are priced from the built-in table; there is no price list to ask.
        clients.prices = .builtInTable(reason: "the sandbox has no Pricing API")
        clients.doctor = DoctorClient { _ in await caughtUp().doctorChecks() }
        clients.controlPlane.deploys = .refusing("the in-process sandbox")
        clients.awsUsage = AWSUsageClient {
            let world = await caughtUp()
            return AWSUsageReport.sandbox(since: world.configuration.start, at: await world.now)
        }
        return clients
    }
}
