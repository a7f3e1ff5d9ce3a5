import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// CloudWatch Logs and X-Ray against moto: finding a trace's log lines in either id form.
struct LiveLogsAndTracesTests {
    @Test func theEventsOfATraceAreFoundInBothIdFormsAndInTimeOrder() async throws {
        let client = try await motoClient(region: "ap-southeast-2")
        let logs = LogsClient(client)
        let group = "/ecs/\(uniqueName("checkout"))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "web/1")
        try await logs.createLogStream(group: group, stream: "web/2")
        let trace = try #require(TraceID("1-5759e988-bd862e3fe1be46a994272793"))
        let other = try #require(TraceID("1-5759e988-000000000000000000000001"))
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 600).rounded(.down))
        try await logs.putLogEvents(group: group, stream: "web/1", events: [
            (base, #"{"level":"info","traceId":"1-5759e988-bd862e3fe1be46a994272793","spanId":"53995c3f42cd8ad8","msg":"start"}"#),
            (base.addingTimeInterval(1), "unrelated \(other.xray)"),
            (base.addingTimeInterval(3), "ERROR done trace=\(trace.xray) \u{1b}[31mred\u{1b}[0m"),
        ])
        try await logs.putLogEvents(group: group, stream: "web/2", events: [
            (base.addingTimeInterval(2), "traceparent=00-\(trace.w3c)-53995c3f42cd8ad8-01 payment ok"),
        ])
        let events = try await TraceLogFinder(logs: logs).events(
            forTrace: trace, span: nil, group: group, start: base.addingTimeInterval(-5), end: base.addingTimeInterval(10), limit: 100_000
        ).events
        #expect(events.map(\.stream) == ["web/1", "web/2", "web/1"])
        #expect(events.first?.level == .info)
        #expect(events.first?.spanID == SpanID("53995c3f42cd8ad8"))
        #expect(events.allSatisfy { $0.traceID == trace && $0.group == group })

        let perStream = try await logs.getLogEvents(group: group, stream: "web/1")
        #expect(perStream.count == 3)
        let filtered = try await logs.filterLogEvents(group: group, pattern: "\"payment\"")
        #expect(filtered.map(\.stream) == ["web/2"])
    }

    @Test func aMissingGroupIsNotFound() async throws {
        let logs = LogsClient(try await motoClient(region: "ap-southeast-2"))
        let error = try await #require(throws: AWSError.self) { try await logs.filterLogEvents(group: uniqueName("/none")) }
        #expect(error.errorClass == .notFound)
    }

    @Test func traceSummariesAndFullTracesRoundTrip() async throws {
        let xray = XRayClient(try await motoClient(region: "sa-east-1"))
        let now = Date().timeIntervalSince1970
        let traceID = "1-\(String(Int(now), radix: 16))-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24).lowercased())"
        let segment = #"{"name":"checkout","id":"70de5b6f19ff9a0a","trace_id":"\#(traceID)","start_time":\#(now - 2),"end_time":\#(now - 1),"http":{"response":{"status":502}},"fault":true}"#
        #expect(try await xray.putTraceSegments([segment]).isEmpty)
        let summaries = try await xray.getTraceSummaries(start: Date(timeIntervalSince1970: now - 60), end: Date(timeIntervalSince1970: now + 60))
        let summary = try #require(summaries.first { $0.id == traceID })
        #expect(summary.hasFault)
        let traces = try await xray.batchGetTraces(ids: [traceID])
        #expect(traces.first?.segments.first?.contains("checkout") == true)
    }
}
