import CygniControlPlane
import Foundation
import Testing

/// The telemetry reads on cygnid's sandbox, in-process over real HTTP: each route answers a
/// viewer with what the world holds and how old it is, refuses bad parameters naming them and
/// anonymous requests, and reads its source once however many ask at once.
@Suite struct TelemetryRouteTests {
    @Test func eachRouteAnswersAViewerWithItsFreshness() async throws {
        let server = try await TestServer.start(speed: 60)
        let viewer = try await server.token(.viewer)
        let expected: [(String, String)] = [
            ("/v1/slo", "slos"), ("/v1/traces", "traces"), ("/v1/logs", "events"), ("/v1/cost", "report"),
            ("/v1/traces/summaries", "traces"), ("/v1/cost/spend?days=7&groupBy=service", "usage"), ("/v1/doctor", "checks"),
        ]
        for (path, key) in expected {
            let reply = try await server.send("GET", path, token: viewer)
            #expect(reply.status == 200, "\(path): \(reply.text)")
            #expect(reply.json?[key] != nil, "\(path) has no \(key): \(reply.text.prefix(300))")
            let freshness = reply.json?["freshness"] as? [String: Any]
            #expect(freshness?["readAt"] is String && freshness?["ageSeconds"] is Double, "\(path): \(String(describing: freshness))")
            let anonymous = try await server.send("GET", path)
            #expect(anonymous.status == 401, "\(path) without a token: \(anonymous.status)")
        }
        let document = try await server.send("GET", "/v1/openapi.yaml").text
        for route in ["/v1/slo", "/v1/traces", "/v1/traces/summaries", "/v1/logs", "/v1/cost", "/v1/cost/spend", "/v1/doctor"] {
            #expect(document.contains("\n  \(route):\n"), "the OpenAPI document lacks \(route)")
        }
        let slos = try #require(try await server.send("GET", "/v1/slo", token: viewer).json?["slos"] as? [[String: Any]])
        #expect(slos.contains { $0["service"] as? String == "checkout" && ($0["burnRates"] as? [[String: Any]])?.count == 4 }, "\(slos)")
        try await server.stop()
    }

    /// cygnid on its sandbox asks AWS nothing, and says so to anyone who may read; no token, or
    /// one it did not sign, reads nothing.
    @Test func usageOnTheSandboxSaysItAsksAWSNothing() async throws {
        let server = try await TestServer.start(speed: 60)
        for role in [Role.viewer, .operator, .admin] {
            let reply = try await server.send("GET", "/v1/usage", token: try await server.token(role))
            #expect(reply.status == 200, "\(role): \(reply.text)")
            let usage = try #require(reply.json?["usage"] as? [String: Any], "\(reply.text)")
            #expect(usage["asker"] as? String == "sandbox")
            #expect((usage["requests"] as? [Any])?.isEmpty == true && usage["estimatedDollars"] as? Double == 0)
            #expect((usage["note"] as? String)?.contains("asks AWS nothing") == true, "\(reply.text)")
            #expect(usage["priceTableDate"] is String && usage["since"] is String && usage["units"] is [String: Any])
        }
        #expect(try await server.send("GET", "/v1/usage").status == 401)
        #expect(try await server.send("GET", "/v1/usage", token: "not.a.token").status == 401)
        #expect(try await server.send("GET", "/v1/usage?verbose=1", token: try await server.token(.viewer)).status == 400)
        try await server.stop()
    }

    @Test func tracesAndLogsSinceTheLastSeenAreNeverRepeated() async throws {
        let server = try await TestServer.start(speed: 60)
        let viewer = try await server.token(.viewer)
        var traces: [[String: Any]] = []
        #expect(await eventually {
            traces = (try? await server.send("GET", "/v1/traces", token: viewer).json?["traces"] as? [[String: Any]]) ?? []
            return traces.count >= 2
        }, "the sandbox made no traces")
        let last = try #require(traces.last?["start"] as? String)
        #expect(last.contains("."), "trace times carry milliseconds: \(last)")
        let later = try #require(try await server.send("GET", "/v1/traces?since=\(last)", token: viewer).json?["traces"] as? [[String: Any]])
        let earlierIDs = Set(traces.compactMap { $0["id"] as? String })
        let again = later.filter { earlierIDs.contains($0["id"] as? String ?? "") || ($0["start"] as? String ?? "") <= last }
        #expect(again.isEmpty, "traces at or before \(last) came again: \(again.prefix(2))")

        let logs = try #require(try await server.send("GET", "/v1/logs", token: viewer).json?["events"] as? [[String: Any]])
        let lastLog = try #require(logs.last?["timestamp"] as? String)
        let laterLogs = try #require(try await server.send("GET", "/v1/logs?since=\(lastLog)", token: viewer).json?["events"] as? [[String: Any]])
        let repeated = laterLogs.filter { ($0["timestamp"] as? String ?? "") <= lastLog }
        #expect(repeated.isEmpty, "lines at or before \(lastLog) came again: \(repeated.prefix(3))")

        // A trace's lines, by the search `cx logs --trace` makes.
        let id = try #require(traces.last?["id"] as? String)
        let found = try await server.send("GET", "/v1/logs?trace=\(id)&limit=10", token: viewer)
        #expect(found.status == 200, "\(found.text)")
        let events = try #require(found.json?["events"] as? [[String: Any]])
        #expect(events.count <= 10 && events.allSatisfy { $0["traceId"] as? String == id }, "\(found.text.prefix(400))")
        #expect(found.json?["reachedLimit"] is Bool && found.json?["groups"] is [String])
        try await server.stop()
    }

    @Test func badParametersAre400sNamingThem() async throws {
        let server = try await TestServer.start(speed: 1)
        let viewer = try await server.token(.viewer)
        let cases: [(String, String)] = [
            ("/v1/slo?window=1h", #"unknown query parameter "window"; this route takes none"#),
            ("/v1/traces?since=yesterday", "since"),
            ("/v1/traces?limit=5", #"unknown query parameter "limit"; "#),
            ("/v1/logs?since=2026-13-01T00:00:00Z", "since"),
            ("/v1/logs?trace=zzz", "trace"),
            ("/v1/logs?span=0123456789abcdef", "span needs trace"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&span=xyz", "span"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&since=2026-12-07T00:00:00Z", "since does not go with trace"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&start=2026-12-07T00:00:00Z", "end is required"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&limit=0", "limit"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&lookback=forever", "lookback"),
            ("/v1/logs?trace=1-5759e988-bd862e3fe1be46a994272793&groups=a,,b", "groups"),
            ("/v1/traces/summaries?start=2026-12-07T02:00:00Z&end=2026-12-07T01:00:00Z", "start must not be after end"),
            ("/v1/traces/summaries?limit=100000", "limit"),
            ("/v1/traces/summaries?errorsOnly=yes", "errorsOnly"),
            ("/v1/cost?days=3", #"unknown query parameter "days"; "#),
            ("/v1/cost/spend?days=0", "days"),
            ("/v1/cost/spend?groupBy=month", "groupBy"),
            ("/v1/doctor?verbose=true", #"unknown query parameter "verbose"; "#),
        ]
        for (path, mentions) in cases {
            let reply = try await server.send("GET", path, token: viewer)
            #expect(reply.status == 400, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.errorMessage?.hasPrefix(mentions) == true, "\(path): \(reply.text)")
        }
        try await server.stop()
    }

    /// Fifty readers at once, as fifty consoles refreshing together: the world is read once
    /// per source for all of them (within the second each read is kept), as /metrics counts.
    @Test func concurrentReadersShareOneReadOfTheWorld() async throws {
        let server = try await TestServer.start(speed: 60)
        let viewer = try await server.token(.viewer)
        func reads(_ source: String) async throws -> Double {
            let metrics = try await server.send("GET", "/metrics").text
            let line = metrics.split(separator: "\n").first { $0.hasPrefix("cygnid_telemetry_reads_total{source=\"\(source)\"}") }
            return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? -1
        }
        for (path, source) in [("/v1/traces", "traces"), ("/v1/slo", "slo"), ("/v1/cost", "cost")] {
            let before = try await reads(source)
            #expect(before >= 0, "no counter for \(source)")
            let started = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 { group.addTask { try await server.send("GET", path, token: viewer).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            #expect(statuses.allSatisfy { $0 == 200 })
            let made = try await reads(source) - before
            // One read per second the fifty took at most (each read is kept a second, cost a minute).
            #expect(made >= 1 && made <= 1 + Double(elapsed.components.seconds), "\(source): \(made) reads for 50 readers in \(elapsed)")
        }
        try await server.stop()
    }
}
