import CygniClients
import CygniModel
import CygniStore
import Foundation
@testable import CygniDashboard

/// Fixed data for reducer and view tests: one canary in progress, one finished blue-green.
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_795_683_600)  // 2026-11-26T09:00:00Z

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static let canary = Rollout(
        id: "checkout-eu-west-1-42", service: "checkout", environment: "production", region: "eu-west-1",
        strategy: .canary, phase: .baking, fromVersion: "v1.41.2", toVersion: "v1.42.0",
        traffic: TrafficSplit(canary: 25), step: 1, steps: [5, 25, 50, 100], bakes: [180, 180, 180, 300], verdict: .pass, reason: nil,
        startedAt: at(0), updatedAt: at(400),
        phases: [
            PhaseRecord(phase: .provisioning, step: 0, start: at(0), end: at(60)),
            PhaseRecord(phase: .shifting, step: 0, start: at(60), end: at(65)),
            PhaseRecord(phase: .baking, step: 0, start: at(65), end: at(245)),
            PhaseRecord(phase: .shifting, step: 1, start: at(245), end: at(250)),
            PhaseRecord(phase: .baking, step: 1, start: at(250)),
        ],
        events: [
            TimelineEvent(time: at(0), kind: .phase, message: "rollout of v1.42.0 started"),
            TimelineEvent(time: at(60), kind: .healthGate, severity: .ok, message: "2/2 canary tasks healthy"),
            TimelineEvent(time: at(245), kind: .analysis, severity: .ok, message: "step 1 judged pass (score 100)"),
        ],
        sides: [
            VersionStats(role: .stable, version: "v1.41.2", requestsPerSecond: 310, errorRate: 0.0008, p99Milliseconds: 182, healthyTasks: 6, totalTasks: 6, history: [300, 305, 310, 312, 309, 310]),
            VersionStats(role: .canary, version: "v1.42.0", requestsPerSecond: 103, errorRate: 0.0009, p99Milliseconds: 190, healthyTasks: 2, totalTasks: 2, history: [5, 20, 60, 100, 103, 103]),
        ]
    )

    static let finished = Rollout(
        id: "catalog-us-east-1-7", service: "catalog", environment: "production", region: "us-east-1",
        strategy: .blueGreen, phase: .succeeded, fromVersion: "v3.8.0", toVersion: "v3.9.0",
        traffic: TrafficSplit(canary: 100), step: 0, steps: [100], verdict: .pass, reason: nil,
        startedAt: at(-3600), updatedAt: at(-1800)
    )

    static let slos = [
        SLOStatus(
            name: "availability", service: "checkout", kind: .availability, objective: 0.999, sli: 0.9993,
            budgetRemaining: 0.71,
            burnRates: BurnRate.standardPairs.map { BurnRate(windows: $0.windows, short: 0.8, long: 0.6, threshold: $0.threshold, severity: $0.severity) },
            alert: .ok
        ),
        SLOStatus(
            name: "latency-300ms", service: "payments", kind: .latency, objective: 0.99, sli: 0.981,
            budgetRemaining: 0.08,
            burnRates: BurnRate.standardPairs.map { BurnRate(windows: $0.windows, short: 16, long: 15, threshold: $0.threshold, severity: $0.severity) },
            alert: .page
        ),
    ]

    static let traceID = TraceID("1-6926c330-0123456789abcdef01234567")!
    static let rootSpan = SpanID("a1b2c3d4e5f60718")!
    static let childSpan = SpanID("0badc0ffee123456")!

    static let trace = Trace(
        id: traceID, rootName: "POST /checkout", service: "checkout", version: "v1.42.0", start: at(395),
        durationMilliseconds: 640, status: .fault, httpStatus: 502,
        spans: [
            Span(id: rootSpan, parent: nil, service: "checkout", name: "POST /checkout", startOffsetMilliseconds: 0, durationMilliseconds: 640, status: .fault),
            Span(id: childSpan, parent: rootSpan, service: "payments", name: "charge", startOffsetMilliseconds: 40, durationMilliseconds: 580, status: .fault),
        ]
    )

    static let okTrace = Trace(
        id: TraceID("1-6926c331-fedcba9876543210fedcba98")!, rootName: "GET /catalog/items", service: "catalog",
        version: "v3.9.0", start: at(396), durationMilliseconds: 42, status: .ok, httpStatus: 200,
        spans: [Span(id: SpanID("1111222233334444")!, parent: nil, service: "catalog", name: "GET /catalog/items", startOffsetMilliseconds: 0, durationMilliseconds: 42, status: .ok)]
    )

    static let logs = [
        LogEvent(timestamp: at(395.1), group: "/ecs/checkout", stream: "checkout/v1.42.0/abc", service: "checkout", level: .info, message: "checkout started", traceID: traceID, spanID: rootSpan),
        LogEvent(timestamp: at(395.5), group: "/ecs/payments", stream: "payments/v2.0.1/def", service: "payments", level: .error, message: "charge failed: upstream timeout \u{1B}[31mred\u{1B}[0m", traceID: traceID, spanID: childSpan),
        LogEvent(timestamp: at(396.0), group: "/ecs/catalog", stream: "catalog/v3.9.0/ghi", service: "catalog", level: .warn, message: "cache miss for items"),
    ]

    /// Lines as services write them, read as every source reads them (`LogEvent(line:)`).
    static let structuredLogs = [
        LogEvent(line: "INFO checkout started", timestamp: at(395.0), group: "/ecs/checkout", stream: "checkout/app/abc", service: "checkout"),
        LogEvent(
            line: #"{"level":50,"time":1795683995100,"pid":1,"hostname":"ip-10-0-4-7","reqId":"req-7","userAgent":"curl \u001b]52;c;ZXZpbA==\u0007\u001b[2J","err":{"type":"PoolError","message":"no connection after 2000 ms","stack":"PoolError: no connection after 2000 ms\n    at Pool.acquire (/app/pool.js:45:11)\n    at charge (/app/charge.js:12:3)"},"msg":"charge failed","traceId":"\#(traceID.xray)"}"#,
            timestamp: at(395.1), group: "/ecs/payments", stream: "payments/app/def", service: "payments"),
        LogEvent(
            line: #"{"level":"warn","ts":1795683995.5,"caller":"search/handler.go:142","msg":"slow query","error":"context deadline exceeded"}"#,
            timestamp: at(395.5), group: "/ecs/search", stream: "search/app/ghi", service: "search"),
        LogEvent(
            line: #"time=2026-11-26T09:06:36Z level=debug msg="cache warm" keys=1204"#, timestamp: at(396.0), group: "/ecs/gateway",
            stream: "gateway/app/jkl", service: "gateway"),
    ]

    static let cost = CostReport(
        services: [
            ServiceCost(service: "checkout", today: 4.21, monthToDate: 101.4, forecast: 126.2, daily: [3.9, 4.0, 4.1, 4.3, 4.2]),
            ServiceCost(service: "payments", today: 2.02, monthToDate: 52.3, forecast: 60.6, daily: [2, 2, 2.1, 2, 2]),
        ],
        rolloutDeltas: [RolloutCostDelta(service: "checkout", extraTasks: 2, perHour: 0.0494, soFar: 0.0055)]
    )

    /// Two minutes of a console on AWS watching one service with a canary.
    static let awsUsage: AWSUsageReport = {
        let units = AWSUsageUnits(tracesRetrieved: 40, tracesScanned: 480, metricsRequested: 36, costExplorerRequests: 2, logFilterRequests: 12)
        return AWSUsageReport(
            asker: .console, since: at(280), at: at(400),
            requests: [
                APIRequests(api: "ecs:DescribeServices", count: 25), APIRequests(api: "xray:GetTraceSummaries", count: 24),
                APIRequests(api: "elasticloadbalancing:DescribeRules", count: 12), APIRequests(api: "logs:FilterLogEvents", count: 12),
                APIRequests(api: "monitoring:GetMetricData", count: 3), APIRequests(api: "ce:GetCostAndUsage", count: 1),
                APIRequests(api: "ce:GetCostForecast", count: 1),
            ],
            units: units, estimatedDollars: AWSRequestPriceTable.builtIn.dollars(units), note: AWSRequestPriceTable.note)
    }()

    static let keymap: Keymap = {
        let loader = ConfigurationLoader(directories: ConfigurationDirectories(user: nil, builtIn: builtInDirectory))
        return try! loader.keymap(named: "default")
    }()

    static let theme: Theme = {
        let loader = ConfigurationLoader(directories: ConfigurationDirectories(user: nil, builtIn: builtInDirectory))
        return try! loader.theme(named: "monochrome")
    }()

    static var builtInDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CygniDashboard/Resources").path
    }

    static func state(readOnly: Bool = false) -> DashboardState {
        DashboardState(
            source: SourceDescription(kind: .sandbox, label: "fixture"), readOnly: readOnly, theme: theme,
            keymap: keymap, sessionID: "test", logCapacity: 100, traceCapacity: 50
        )
    }

    /// A state as it is after the first refresh of the fixture clients.
    static func loadedState(readOnly: Bool = false) -> DashboardState {
        var state = state(readOnly: readOnly)
        state.now = at(400)
        state.lastRefresh = at(400)
        state.connection = .live
        state.rollouts = [canary, finished]
        state.slos = slos
        state.traces.append(contentsOf: [trace, okTrace])
        state.logs.append(contentsOf: logs)
        state.cost = cost
        state.awsUsage = awsUsage
        for source in DataSource.allCases { state.readAt[source] = at(400) }
        return state
    }
}

/// Fixture clients that count what they are asked to do.
final class FixtureControlPlane: @unchecked Sendable {
    private let lock = Lock()
    private var performed: [OperatorCommand] = []
    var failRollouts = false
    /// Tries reported as failed (and retried) before a command succeeds.
    var failedTriesBeforeSuccess = 0
    /// Commands never answer until cancelled.
    var hangs = false

    var commands: [OperatorCommand] { lock.withLock { performed } }

    func clients(now: Date = Fixture.at(400)) -> Clients {
        var clients = Clients(
            source: SourceDescription(kind: .sandbox, label: "fixture"),
            controlPlane: ControlPlaneClient(
                rollouts: { [self] in
                    if lock.withLock({ failRollouts }) { throw ClientError("control plane unreachable") }
                    return [Fixture.canary, Fixture.finished]
                },
                perform: { [self] command, _, failed in
                    for number in 0..<lock.withLock({ failedTriesBeforeSuccess }) {
                        await failed(CommandAttempt(number: number + 1, error: "ELBv2 ModifyListener failed: Throttling (HTTP 400)", retryIn: 2, trafficSettled: false))
                    }
                    if lock.withLock({ hangs }) { try await Task.sleep(for: .seconds(3600)) }
                    let duplicate = lock.withLock { () -> Bool in
                        let seen = performed.contains { $0.idempotencyKey == command.idempotencyKey }
                        if !seen { performed.append(command) }
                        return seen
                    }
                    return CommandOutcome(accepted: true, duplicate: duplicate, message: "\(command.kind.rawValue) of \(command.service) started")
                }
            ),
            telemetry: TelemetryClient(
                slos: { Fixture.slos },
                traces: { since in since == nil ? [Fixture.trace, Fixture.okTrace] : [] },
                logs: { since in since == nil ? Fixture.logs : [] },
                logsForTrace: { trace, span in
                    Fixture.logs.filter { $0.traceID == trace && (span == nil || $0.spanID == span) }
                }
            ),
            cost: CostClient(report: { Fixture.cost }),
            clock: WorldClock(now: { now })
        )
        clients.awsUsage = AWSUsageClient { Fixture.awsUsage }
        return clients
    }
}
