import CygniModel
import Foundation
import Testing

@testable import CygniAWS
import CygniAWSSource
import CygniClients

/// `cx logs --trace` run as a program against moto: both id forms, time order, JSON shape,
/// and hostile bytes in log lines kept out of the terminal output.
struct LogsCommandTests {
    @Test func findsTheTraceInBothFormsInTimeOrder() async throws {
        let session = try await MotoHarness.shared.session()
        let client = try await motoClient(region: "eu-north-1")
        let logs = LogsClient(client)
        let group = "/ecs/\(uniqueName("payments"))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "web/1")
        let trace = try #require(TraceID("1-6926c330-aa11bb22cc33dd44ee55ff66"))
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 300).rounded(.down))
        try await logs.putLogEvents(group: group, stream: "web/1", events: [
            (base, #"{"level":"info","traceId":"1-6926c330-aa11bb22cc33dd44ee55ff66","spanId":"0badc0ffee123456","msg":"charge start"}"#),
            (base.addingTimeInterval(1), "someone else's line"),
            (base.addingTimeInterval(2), "ERROR charge failed traceparent=00-\(trace.w3c)-0badc0ffee123456-01 \u{1b}]52;c;ZXZpbA==\u{07}"),
        ])
        let environment = environment(session)
        let common = ["logs", "--region", "eu-north-1", "--endpoint-url", session.endpoint, "--group", group,
                      "--start", "\(Int(base.timeIntervalSince1970) - 5)", "--end", "\(Int(base.timeIntervalSince1970) + 10)"]
        let json = try await CxProgram.runAside(common + ["--trace", trace.w3c, "--json"], environment: environment)
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["traceId"] as? String == trace.xray)
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 2)
        let times = events.compactMap { $0["timestamp"] as? Int64 }
        #expect(times == times.sorted() && times.first == Int64(base.timeIntervalSince1970 * 1000))
        #expect(events.first?["level"] as? String == "info")
        #expect(events.first?["spanId"] as? String == "0badc0ffee123456")

        let table = try await CxProgram.runAside(common + ["--trace", trace.xray], environment: environment)
        #expect(table.status == 0)
        #expect(table.output.contains("charge failed"))
        #expect(!table.output.contains("\u{1b}"))
        #expect(!table.output.contains("someone else"))
    }

    @Test func aSearchCutAtItsLimitSaysSo() async throws {
        let session = try await MotoHarness.shared.session()
        let logs = LogsClient(try await motoClient(region: "eu-north-1"))
        let group = "/ecs/\(uniqueName("cart"))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "web/1")
        let trace = try #require(TraceID("1-6926c330-0000000000000000000000aa"))
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 300).rounded(.down))
        try await logs.putLogEvents(group: group, stream: "web/1", events: (0..<5).map { (base.addingTimeInterval(Double($0)), "line \($0) \(trace.xray)") })
        let environment = environment(session)
        let common = ["logs", "--trace", trace.xray, "--region", "eu-north-1", "--endpoint-url", session.endpoint, "--group", group,
                      "--start", "\(Int(base.timeIntervalSince1970) - 5)", "--end", "\(Int(base.timeIntervalSince1970) + 10)", "--json"]

        let cut = try await CxProgram.runAside(common + ["--limit", "3"], environment: environment)
        #expect(cut.status == 0, "\(cut.output)")
        #expect(cut.output.contains("stopped at 3 events"))
        let whole = try await CxProgram.runAside(common + ["--limit", "5"], environment: environment)
        let object = try #require(try? JSONSerialization.jsonObject(with: Data(whole.output.utf8)) as? [String: Any], "\(whole.output)")
        #expect((object["events"] as? [[String: Any]])?.count == 5)
        #expect(object["truncated"] as? Bool == false)
        #expect(!whole.output.contains("stopped at"))
    }

    /// The limit keeps the earliest events across groups, not the first group's.
    @Test func aLimitedSearchKeepsTheEarliestEventsOfAllGroups() async throws {
        let client = try await motoClient(region: "eu-north-1")
        let logs = LogsClient(client)
        let late = "/ecs/\(uniqueName("late"))", early = "/ecs/\(uniqueName("early"))"
        let trace = try #require(TraceID("1-6926c330-0000000000000000000000bb"))
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 300).rounded(.down))
        for (group, offset) in [(late, 10.0), (early, 0.0)] {
            try await logs.createLogGroup(group)
            try await logs.createLogStream(group: group, stream: "web/1")
            try await logs.putLogEvents(group: group, stream: "web/1", events: (0..<5).map { (base.addingTimeInterval(offset + Double($0)), "\(group) \($0) \(trace.xray)") })
        }
        // Through the client the command and the Logs pane use, groups and window given.
        let search = try await TraceSearchClient.aws(client: client, inventory: { [] }).logs(TraceLogQuery(
            trace: trace, window: DateInterval(start: base.addingTimeInterval(-5), end: base.addingTimeInterval(30)),
            groups: [late, early], limit: 3))
        #expect(search.events.map(\.message) == (0..<3).map { "\(early) \($0) \(trace.xray)" })
        #expect(search.reachedLimit)
    }

    /// The environment `cx` runs in against moto.
    private func environment(_ session: MotoHarness.Session) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
    }

    /// pino, zap and logback lines come back as time, level and message, their other fields in
    /// "fields", escape sequences in a field value kept out of the table.
    @Test func structuredLinesGiveLevelMessageAndFields() async throws {
        let session = try await MotoHarness.shared.session()
        let logs = LogsClient(try await motoClient(region: "eu-north-1"))
        let group = "/ecs/\(uniqueName("orders"))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "web/1")
        let trace = try #require(TraceID("1-6926c330-aa11bb22cc33dd44ee55ff77"))
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 300).rounded(.down))
        try await logs.putLogEvents(group: group, stream: "web/1", events: [
            (base, #"{"level":50,"time":\#(Int64(base.timeIntervalSince1970 * 1000)),"reqId":"req-7","err":{"type":"PoolError","message":"no connection","stack":"PoolError: no connection\n    at acquire"},"msg":"charge failed","traceId":"\#(trace.xray)","agent":"curl \u001b]52;c;ZXZpbA==\u0007"}"#),
            (base.addingTimeInterval(1), #"{"level":"warn","ts":\#(Int(base.timeIntervalSince1970) + 1).5,"caller":"h.go:9","msg":"slow","trace_id":"\#(trace.w3c)"}"#),
            (base.addingTimeInterval(2), #"{"@timestamp":"2026-12-07T02:19:04.123Z","level":"INFO","message":"placed","logger_name":"com.example.Orders","thread_name":"exec-1","traceId":"\#(trace.xray)"}"#),
        ])
        let common = ["logs", "--trace", trace.xray, "--region", "eu-north-1", "--endpoint-url", session.endpoint, "--log-group", group,
                      "--start", "\(Int(base.timeIntervalSince1970) - 5)", "--end", "\(Int(base.timeIntervalSince1970) + 10)"]
        let json = try await CxProgram.runAside(common + ["--json"], environment: environment(session))
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.map { $0["level"] as? String } == ["error", "warn", "info"])
        #expect(events.map { $0["message"] as? String } == ["charge failed: no connection", "slow", "placed"])
        let pino = try #require(events.first?["fields"] as? [String: String])
        #expect(pino["reqId"] == "req-7")
        #expect(pino["err.stack"] == "PoolError: no connection\n    at acquire")
        #expect((events[2]["fields"] as? [String: String])?["logger_name"] == "com.example.Orders")
        #expect(object["groups"] as? [String] == [group])
        #expect((object["window"] as? [String: Any])?["reason"] as? String == "the window asked for")

        let table = try await CxProgram.runAside(common, environment: environment(session))
        #expect(table.status == 0)
        #expect(table.output.contains("ERROR  charge failed: no connection"))
        #expect(!table.output.contains("\u{1b}") && !table.output.contains("\u{07}"))
    }

    /// Without --since the window is the trace's own (X-Ray's times, 2 s either side); with it,
    /// the last --since; when nothing is found, the window and groups are named, exit 1.
    @Test func sinceWidensTheTracesOwnWindowAndNothingFoundSaysWhere() async throws {
        let session = try await MotoHarness.shared.session()
        let region = "eu-north-1"
        let client = try await motoClient(region: region)
        let logs = LogsClient(client)
        let group = "/ecs/\(uniqueName("ledger"))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "web/1")
        let now = Date().timeIntervalSince1970.rounded(.down)
        let trace = try #require(TraceID("1-\(String(Int(now), radix: 16))-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24).lowercased())"))
        let start = now - 60
        let segment = #"{"name":"ledger","id":"70de5b6f19ff9a0c","trace_id":"\#(trace.xray)","start_time":\#(start),"end_time":\#(start + 0.5),"http":{"response":{"status":200}}}"#
        #expect(try await XRayClient(client).putTraceSegments([segment]).isEmpty)
        try await logs.putLogEvents(group: group, stream: "web/1", events: [
            (Date(timeIntervalSince1970: start - 600), "INFO retry of an earlier attempt \(trace.xray)"),
            (Date(timeIntervalSince1970: start + 0.2), #"{"level":30,"msg":"posted","traceId":"\#(trace.xray)"}"#),
        ])
        let common = ["logs", "--trace", trace.xray, "--region", region, "--endpoint-url", session.endpoint, "--log-group", group]
        let own = try await CxProgram.runAside(common + ["--json"], environment: environment(session))
        #expect(own.status == 0, "\(own.output)")
        let ownObject = try #require(try JSONSerialization.jsonObject(with: Data(Self.stdoutJSON(own.output).utf8)) as? [String: Any])
        #expect((ownObject["events"] as? [[String: Any]])?.map { $0["message"] as? String } == ["posted"])
        let window = try #require(ownObject["window"] as? [String: Any])
        #expect(window["start"] as? Int64 == Int64((start - 2) * 1000))
        #expect(window["reason"] as? String == "the trace's own times, 2 s either side")

        let wide = try await CxProgram.runAside(common + ["--since", "1h", "--json"], environment: environment(session))
        #expect(wide.status == 0, "\(wide.output)")
        let wideObject = try #require(try JSONSerialization.jsonObject(with: Data(Self.stdoutJSON(wide.output).utf8)) as? [String: Any])
        #expect((wideObject["events"] as? [[String: Any]])?.count == 2)
        #expect((wideObject["window"] as? [String: Any])?["reason"] as? String == "the last 1h asked for")

        // A trace nobody logged: the answer says where it looked and how to look further.
        let other = try #require(TraceID("1-\(String(Int(now), radix: 16))-00000000000000000000abcd"))
        let none = try await CxProgram.runAside(
            ["logs", "--trace", other.xray, "--region", region, "--endpoint-url", session.endpoint, "--log-group", group, "--since", "30m"],
            environment: environment(session))
        #expect(none.status == 1, "\(none.output)")
        #expect(none.output.contains("no log events carry trace \(other.xray) between "))
        #expect(none.output.contains("(the last 30m asked for) in \(group)"))
        #expect(none.output.contains("--since") && none.output.contains("--log-group"))
    }

    /// The JSON document in an output that may also hold stderr's notes.
    private static func stdoutJSON(_ output: String) -> String {
        guard let open = output.firstIndex(of: "{"), let close = output.lastIndex(of: "}") else { return output }
        return String(output[open...close])
    }

    @Test func aBadIdIsAUsageError() async throws {
        let result = try await CxProgram.runAside(["logs", "--trace", "not-a-trace"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.output.contains("not a trace id"))
    }
}
