import Foundation
import Testing

@testable import CygniAWS

/// `cx traces` run as a program against moto: newest first, root service, errors filter.
struct TracesCommandTests {
    @Test func listsRecentTracesNewestFirstAndFiltersErrors() async throws {
        let session = try await MotoHarness.shared.session()
        let region = "eu-south-1"
        let xray = XRayClient(try await motoClient(region: region))
        let now = Date().timeIntervalSince1970
        func id() -> String { "1-\(String(Int(now), radix: 16))-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24).lowercased())" }
        let failing = id()
        let fine = id()
        let segments = [
            #"{"name":"checkout","id":"70de5b6f19ff9a0a","trace_id":"\#(failing)","start_time":\#(now - 20),"end_time":\#(now - 19.5),"http":{"response":{"status":502}},"fault":true}"#,
            #"{"name":"catalog","id":"70de5b6f19ff9a0b","trace_id":"\#(fine)","start_time":\#(now - 10),"end_time":\#(now - 9.9),"http":{"response":{"status":200}}}"#,
        ]
        #expect(try await xray.putTraceSegments(segments).isEmpty)
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
        let common = ["traces", "--region", region, "--endpoint-url", session.endpoint, "--since", "5m", "--json"]
        let all = try await CxProgram.runAside(common, environment: environment)
        #expect(all.status == 0, "\(all.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(all.output.utf8)) as? [String: Any])
        let traces = try #require(object["traces"] as? [[String: Any]])
        let ids = traces.compactMap { $0["id"] as? String }
        let fineIndex = try #require(ids.firstIndex(of: fine))
        let failingIndex = try #require(ids.firstIndex(of: failing))
        #expect(fineIndex < failingIndex)  // newest first
        #expect(traces[failingIndex]["rootService"] as? String == "checkout")
        #expect(traces[failingIndex]["fault"] as? Bool == true)
        // ISO 8601 in UTC, the segment's own start: never seconds since 2001.
        let start = try #require(traces[failingIndex]["start"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: start), "\(start)")
        #expect(abs(parsed.timeIntervalSince1970 - (now - 20)) < 1)

        let errorsOnly = try await CxProgram.runAside(common + ["--errors"], environment: environment)
        #expect(errorsOnly.output.contains(failing))
        #expect(!errorsOnly.output.contains(fine))
        let byService = try await CxProgram.runAside(common + ["--service", "catalog"], environment: environment)
        #expect(byService.output.contains(fine))
        #expect(!byService.output.contains(failing))
    }
}
