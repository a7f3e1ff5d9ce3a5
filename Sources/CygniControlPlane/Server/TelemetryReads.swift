import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation
import Prometheus

/// The world's telemetry as every request shares it: each source read at most once per interval
/// (per query, for the searches), however many consoles ask. The intervals are the console's
/// own cadences on AWS, where each read costs requests (and X-Ray, CloudWatch and Cost Explorer
/// bill per request): a second for what the panes refresh every second, longer for cost.
struct TelemetryReads: Sendable {
    let world: WorldReads
    let clock: WorldClock
    let slos: SharedReads<[SLOStatus]>
    let traces: SharedReads<[Trace]>
    let logs: SharedReads<[LogEvent]>
    /// What the shared reads of traces and logs add to, so each asks only for what is new.
    let recentTraces = RecentItems<Trace>(limit: 2_000) { $0.start }
    let recentLogs = RecentItems<LogEvent>(limit: 10_000) { $0.timestamp }
    let traceLogs: SharedReads<TraceLogSearch>
    let summaries: SharedReads<[TraceOverview]>
    let cost: SharedReads<CostReport>
    let spend: SharedReads<SpendAnswer>
    let doctor: SharedReads<[DoctorCheck]>

    /// What a doctor check may take on cygnid's source.
    static let doctorTimeout = 10.0

    init(world: WorldBackend, metrics: PrometheusCollectorRegistry) {
        self.world = world.reads
        clock = world.clock
        func shared<Value: Sendable>(_ source: String, _ age: Duration) -> SharedReads<Value> {
            let reads = metrics.makeCounter(
                name: "cygnid_telemetry_reads_total", labels: [("source", source)], help: "Reads of the world's telemetry, shared by every request")
            return SharedReads(maximumAge: age, clock: world.clock, counted: { reads.increment() })
        }
        slos = shared("slo", .seconds(1))
        traces = shared("traces", .seconds(1))
        logs = shared("logs", .seconds(1))
        traceLogs = shared("trace_logs", .seconds(5))
        summaries = shared("trace_summaries", .seconds(5))
        cost = shared("cost", .seconds(60))
        spend = shared("spend", .seconds(300))
        doctor = shared("doctor", .seconds(30))
    }
}

extension TelemetryReads {
    /// The recent traces, oldest first, read at most once a second for every request.
    func allTraces() async throws -> SharedReads<[Trace]>.Answer {
        try await traces.value { [world, recentTraces] in try await recentTraces.read { since in try await world.telemetry.traces(since) } }
    }

    /// The recent log lines, in time order, read at most once a second for every request.
    func allLogs() async throws -> SharedReads<[LogEvent]>.Answer {
        try await logs.value { [world, recentLogs] in try await recentLogs.read { since in try await world.telemetry.logs(since) } }
    }
}

extension SharedReads.Answer {
    var freshness: Freshness {
        Freshness(readAt: readAt, ageSeconds: (age.inSeconds * 1_000).rounded() / 1_000)
    }
}
