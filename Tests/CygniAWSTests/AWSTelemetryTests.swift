import CygniAWSSource
import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniAWS

/// The console's telemetry from AWS, against moto: traces from X-Ray documents, logs of the
/// watched groups, availability SLOs from ALB counts. Each test has a region of its own.
struct AWSTelemetryTests {
    /// A fresh X-Ray id starting at `time`.
    func xrayID(at time: Double) -> String {
        "1-\(String(Int(time), radix: 16))-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24).lowercased())"
    }

    func telemetry(_ client: AWSClient, _ services: [WatchedService], now: @escaping @Sendable () -> Date = Date.init) -> TelemetryClient {
        TelemetryClient.aws(client: client, inventory: { services }, now: now)
    }

    @Test func tracesBecomeSpansWithTheirParentsOldestFirst() async throws {
        let client = try await motoClient(region: "eu-west-3")
        let xray = XRayClient(client)
        let now = Date().timeIntervalSince1970.rounded(.down)
        let older = xrayID(at: now - 120)
        let newer = xrayID(at: now - 60)
        let root = #"""
            {"name":"checkout","id":"a000000000000001","trace_id":"\#(older)","start_time":\#(now - 120),"end_time":\#(now - 119.5),
             "service":{"version":"v2"},"fault":true,
             "http":{"request":{"method":"POST","url":"https://shop.example/checkout?cart=1"},"response":{"status":502}},
             "subsegments":[{"name":"payments","id":"a000000000000002","start_time":\#(now - 119.9),"end_time":\#(now - 119.6),
               "namespace":"remote","http":{"response":{"status":503}},
               "subsegments":[{"name":"retry","id":"a000000000000003","start_time":\#(now - 119.8),"end_time":\#(now - 119.7)}]}]}
            """#
        let downstream = #"""
            {"name":"payments","id":"b000000000000001","trace_id":"\#(older)","parent_id":"a000000000000002",
             "start_time":\#(now - 119.85),"end_time":\#(now - 119.65),"error":true,"http":{"response":{"status":409}}}
            """#
        let later = #"{"name":"catalog","id":"c000000000000001","trace_id":"\#(newer)","start_time":\#(now - 60),"end_time":\#(now - 59.9)}"#
        let unprocessed = try await xray.putTraceSegments([root, downstream, later].map { $0.replacingOccurrences(of: "\n", with: "") })
        #expect(unprocessed.isEmpty)

        let telemetry = telemetry(client, [WatchedService(cluster: "web", name: "checkout", region: "eu-west-3", logGroups: [], targets: [])])
        let traces = try await telemetry.traces(nil)
        #expect(traces.map(\.id.xray) == [older, newer])
        let first = try #require(traces.first)
        #expect(first.rootName == "POST /checkout")
        #expect(first.service == "checkout")
        #expect(first.version == "v2")
        #expect(first.httpStatus == 502)
        #expect(first.status == .fault)
        #expect(first.start == Date(timeIntervalSince1970: now - 120))
        #expect(abs(first.durationMilliseconds - 500) < 1e-3)
        // Parents before children, siblings by start: the root, its call, inside the call the
        // callee's own segment (started first) and the retry.
        #expect(first.spans.map(\.id.hex) == ["a000000000000001", "a000000000000002", "b000000000000001", "a000000000000003"])
        #expect(first.spans.map { $0.parent?.hex } == [nil, "a000000000000001", "a000000000000002", "a000000000000002"])
        #expect(first.spans.map(\.service) == ["checkout", "checkout", "payments", "checkout"])
        #expect(first.spans.map(\.name) == ["POST /checkout", "payments", "payments", "retry"])
        #expect(first.spans.map(\.status) == [.fault, .fault, .error, .ok])
        #expect(first.spans.map { ($0.startOffsetMilliseconds * 10).rounded() / 10 } == [0, 100, 150, 200])
        #expect(first.spans.map { ($0.durationMilliseconds * 10).rounded() / 10 } == [500, 300, 200, 100])
        #expect(first.spans[2].depth(in: first.spans) == 2)
        let second = try #require(traces.last)
        #expect(second.rootName == "catalog")
        #expect(second.status == .ok)
        #expect(second.spans.count == 1)

        // Since the first one started: only the later one.
        #expect(try await telemetry.traces(first.start).map(\.id.xray) == [newer])
    }

    @Test func logsOfTheWatchedGroupsComeInTimeOrderWithLevelsTracesAndServices() async throws {
        let client = try await motoClient(region: "ap-south-1")
        let logs = LogsClient(client)
        let checkout = "/ecs/\(uniqueName("checkout"))"
        let payments = "/ecs/\(uniqueName("payments"))"
        for group in [checkout, payments] { try await logs.createLogGroup(group) }
        try await logs.createLogStream(group: checkout, stream: "app/1")
        try await logs.createLogStream(group: checkout, stream: "app/2")
        try await logs.createLogStream(group: payments, stream: "app/1")
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 120).rounded(.down))
        let trace = try #require(TraceID("1-5759e988-bd862e3fe1be46a994272793"))
        try await logs.putLogEvents(group: checkout, stream: "app/1", events: [
            (base.addingTimeInterval(-3_600), "an hour ago"),
            (base, #"{"level":"INFO","traceId":"\#(trace.xray)","spanId":"53995c3f42cd8ad8","msg":"cart"}"#),
            (base.addingTimeInterval(3), #"{"severity":"error","trace_id":"\#(trace.w3c)","msg":"charge failed"}"#),
        ])
        try await logs.putLogEvents(group: checkout, stream: "app/2", events: [(base.addingTimeInterval(2), "plain line")])
        try await logs.putLogEvents(group: payments, stream: "app/1", events: [
            (base.addingTimeInterval(1), #"{"level":"warn","msg":"pool low"}"#),
        ])
        let services = [
            WatchedService(cluster: "web", name: "checkout", region: "ap-south-1", logGroups: [checkout], targets: []),
            WatchedService(cluster: "web", name: "payments", region: "ap-south-1", logGroups: [payments, "/ecs/\(uniqueName("never-written"))"], targets: []),
        ]
        let telemetry = telemetry(client, services)

        let recent = try await telemetry.logs(nil)
        // Structured lines are read into their message (LogLine); a plain one stays as written.
        #expect(recent.map(\.message) == ["cart", "pool low", "plain line", "charge failed"])
        #expect(recent.map(\.service) == ["checkout", "payments", "checkout", "checkout"])
        #expect(recent.map(\.level) == [.info, .warn, nil, .error])
        #expect(recent.map(\.traceID) == [trace, nil, nil, trace])
        #expect(recent.first?.spanID == SpanID("53995c3f42cd8ad8"))
        #expect(recent.map(\.stream) == ["app/1", "app/1", "app/2", "app/1"])

        let after = try await telemetry.logs(base.addingTimeInterval(1))
        #expect(after.map(\.message) == ["plain line", "charge failed"])

        // X-Ray does not know this trace: every watched group of the last two hours is searched.
        let ofTrace = try await telemetry.logsForTrace(trace, nil)
        #expect(ofTrace.map(\.timestamp) == [base, base.addingTimeInterval(3)])
        #expect(ofTrace.allSatisfy { $0.traceID == trace && $0.service == "checkout" })
        let ofSpan = try await telemetry.logsForTrace(trace, SpanID("53995c3f42cd8ad8"))
        #expect(ofSpan.map(\.timestamp) == [base])
    }

    @Test func aTraceKnownToXRayIsSearchedAroundItsTimeInTheGroupsOfItsServices() async throws {
        let client = try await motoClient(region: "ap-northeast-2")
        let logs = LogsClient(client)
        let checkout = "/ecs/\(uniqueName("checkout"))"
        let search = "/ecs/\(uniqueName("search"))"
        for group in [checkout, search] {
            try await logs.createLogGroup(group)
            try await logs.createLogStream(group: group, stream: "app/1")
        }
        let now = Date().timeIntervalSince1970.rounded(.down)
        let id = xrayID(at: now - 300)
        let trace = try #require(TraceID(id))
        let segment = #"{"name":"checkout","id":"d000000000000001","trace_id":"\#(id)","start_time":\#(now - 300),"end_time":\#(now - 299)}"#
        #expect(try await XRayClient(client).putTraceSegments([segment]).isEmpty)
        try await logs.putLogEvents(group: checkout, stream: "app/1", events: [
            (Date(timeIntervalSince1970: now - 600), "too early \(id)"),
            (Date(timeIntervalSince1970: now - 299.5), "inside \(id)"),
            (Date(timeIntervalSince1970: now - 297.5), "lagging \(id)"),
        ])
        // The trace never went through search: its group is not read.
        try await logs.putLogEvents(group: search, stream: "app/1", events: [(Date(timeIntervalSince1970: now - 299.5), "elsewhere \(id)")])
        let services = [
            WatchedService(cluster: "web", name: "checkout", region: "ap-northeast-2", logGroups: [checkout], targets: []),
            WatchedService(cluster: "web", name: "search", region: "ap-northeast-2", logGroups: [search], targets: []),
        ]
        let events = try await telemetry(client, services).logsForTrace(trace, nil)
        #expect(events.map(\.message) == ["inside \(id)", "lagging \(id)"])
    }

    @Test func availabilityBurnsAsComputedByHandFromTheLoadBalancerCounts() async throws {
        let region = "ap-northeast-3"
        let client = try await motoClient(region: region)
        let cloudWatch = CloudWatchClient(client)
        func target(_ name: String) -> MetricTarget {
            MetricTarget(
                targetGroupARN: "arn:aws:elasticloadbalancing:\(region):123456789012:targetgroup/\(uniqueName(name))/73e2d6bc24d8a067",
                loadBalancerARN: "arn:aws:elasticloadbalancing:\(region):123456789012:loadbalancer/app/\(uniqueName("web"))/50dc6c495c0c9188")
        }
        let (stable, canary, payments, quiet) = (target("checkout-blue"), target("checkout-green"), target("payments"), target("search"))
        let now = Date()
        let lastHour = (0..<60).map { now.addingTimeInterval(-Double($0) * 60) }
        func put(_ target: MetricTarget, _ metric: String, _ points: [(Date, Double)]) async throws {
            var dimensions = ["TargetGroup": target.targetGroupDimension]
            dimensions["LoadBalancer"] = target.loadBalancerDimension
            try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: metric, dimensions: dimensions, points: points)
        }
        // checkout: 1,000 requests a minute over two target groups, 20 of them 5xx (2%), for an hour;
        // earlier, clean traffic two and ten days ago.
        try await put(stable, "RequestCount", lastHour.map { ($0, 600) } + [(now.addingTimeInterval(-2 * 86_400), 100_000), (now.addingTimeInterval(-10 * 86_400), 1_000_000)])
        try await put(canary, "RequestCount", lastHour.map { ($0, 400) })
        try await put(canary, "HTTPCode_Target_5XX_Count", lastHour.map { ($0, 20) })
        // payments: 0.2% for an hour: a slow burn (2) that only the 6h/3d pair tickets.
        try await put(payments, "RequestCount", lastHour.map { ($0, 1_000) })
        try await put(payments, "HTTPCode_Target_5XX_Count", lastHour.map { ($0, 2) })

        let services = [
            WatchedService(cluster: "web", name: "checkout", region: region, logGroups: [], targets: [stable, canary]),
            WatchedService(cluster: "web", name: "payments", region: region, logGroups: [], targets: [payments]),
            WatchedService(cluster: "web", name: "search", region: region, logGroups: [], targets: [quiet]),
            WatchedService(cluster: "jobs", name: "worker", region: region, logGroups: [], targets: []),
        ]
        let slos = try await telemetry(client, services, now: { now }).slos()
        #expect(slos.map(\.service) == ["checkout", "payments", "search", "worker"])
        #expect(slos.allSatisfy { $0.name == "availability" && $0.kind == .availability && $0.objective == 0.999 && $0.windowDays == 30 })
        func close(_ values: [Double], _ expected: [Double]) -> Bool {
            values.count == expected.count && zip(values, expected).allSatisfy { abs($0 - $1) < 1e-6 }
        }

        let checkout = slos[0]
        #expect(checkout.burnRates.map(\.windows) == ["5m/1h", "30m/6h", "2h/1d", "6h/3d"])
        #expect(close(checkout.burnRates.map(\.short), [20, 20, 20, 20]), "\(checkout.burnRates)")
        // Over three days the clean 100,000 of two days ago dilute it: 1,200 / 160,000 / 0.001.
        #expect(close(checkout.burnRates.map(\.long), [20, 20, 20, 7.5]), "\(checkout.burnRates)")
        #expect(checkout.alert == .page)
        #expect(!checkout.lowTraffic)
        // Over thirty days: 1,200 bad of 1,160,000.
        #expect(abs(checkout.sli - (1 - 1_200.0 / 1_160_000)) < 1e-9)
        #expect(abs(checkout.budgetRemaining - (1 - (1_200.0 / 1_160_000) / 0.001)) < 1e-6)

        let slow = slos[1]
        #expect(close(slow.burnRates.map(\.short), [2, 2, 2, 2]), "\(slow.burnRates)")
        #expect(slow.alert == .ticket)
        #expect(!slow.lowTraffic)

        for idle in slos[2...] {
            #expect(idle.lowTraffic)
            #expect(idle.alert == .ok)
            #expect(idle.sli == 1)
            #expect(idle.budgetRemaining == 1)
            #expect(idle.burnRates.allSatisfy { $0.short == 0 && $0.long == 0 })
        }
    }

    @Test func failuresAreOneLineClientErrorsWithoutSecrets() async throws {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let client = try await motoClient(region: "eu-west-2", credentials: Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret))
        let services = [WatchedService(cluster: "web", name: "checkout", region: "eu-west-2", logGroups: ["/ecs/checkout"], targets: [])]
        let telemetry = telemetry(client, services)

        let traces = try await #require(throws: ClientError.self) { try await telemetry.traces(nil) }
        #expect(traces.message == "credentials rejected by X-Ray (HTTP 403): InvalidClientTokenId")
        let logs = try await #require(throws: ClientError.self) { try await telemetry.logs(nil) }
        #expect(logs.message.hasPrefix("credentials rejected by CloudWatch Logs (HTTP 403)"), "\(logs.message)")
        for message in [traces.message, logs.message] {
            #expect(!message.contains(secret) && !message.contains("\n"))
        }

        let failing = TelemetryClient.aws(client: client, inventory: { throw ClientError("ECS: cluster web not found") })
        let error = try await #require(throws: ClientError.self) { try await failing.slos() }
        #expect(error.message == "ECS: cluster web not found")
        let denied = AWSError(
            service: "ECS", operation: "ListServices", status: 403, code: "AccessDeniedException",
            message: "User: arn:aws:iam::123456789012:user/ci is not authorized\nto perform: ecs:ListServices", errorClass: .accessDenied)
        let inventoryDenied = TelemetryClient.aws(client: client, inventory: { throw denied })
        let short = try await #require(throws: ClientError.self) { try await inventoryDenied.logs(nil) }
        #expect(short.message == "access denied to the service inventory (HTTP 403): AccessDeniedException")
    }
}
