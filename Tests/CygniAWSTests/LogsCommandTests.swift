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
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
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
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
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

    @Test func aBadIdIsAUsageError() async throws {
        let result = try await CxProgram.runAside(["logs", "--trace", "not-a-trace"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.output.contains("not a trace id"))
    }
}
