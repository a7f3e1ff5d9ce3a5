import Foundation
import Testing

@testable import CygniAWS

/// One failing AWS API marks only the panes fed by it, with its own message, and the status line
/// counts the failing sources: `cx snapshot` on AWS through a proxy that fails one service.
struct PaneErrorsOnAWSTests {
    func frame(failing service: String) async throws -> [String] {
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let proxy = FaultProxy()
        try await proxy.answer(service: service, status: 503, body: "Service Unavailable", contentType: "text/plain")
        let result = try await CxProgram.runAside(
            ["snapshot", "--width", "200", "--height", "50", "--aws", "--region", "eu-west-3", "--endpoint-url", try await proxy.endpoint(),
             "--cluster", fixture.cluster],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
            ])
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    /// The panes whose title bars carry a warning (two panes share a row: split at the corner).
    func marked(_ lines: [String]) -> [String] {
        let titles = ["Timeline", "Traffic", "SLO", "Cost", "Traces", "Logs"]
        return lines.filter { $0.contains("╭") }.flatMap { $0.split(separator: "╮") }
            .filter { $0.contains("⚠") }
            .compactMap { segment in titles.first { segment.contains("╭  \($0) ") } }
    }

    @Test func aFailingXRayMarksOnlyTheTracesPane() async throws {
        let lines = try await frame(failing: "xray")
        #expect(marked(lines) == ["Traces"], "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("╭  Traces ") && $0.contains("X-Ray") })
        #expect(lines.contains { $0.contains(" 1 source failing ") })
        #expect(lines.contains { $0.contains("cost is not read by this command") }, "a frame on AWS reads no cost, and says so without an error")
    }

    @Test func aFailingCloudWatchMarksOnlySLOAndTrafficMetrics() async throws {
        let lines = try await frame(failing: "monitoring")
        #expect(Set(marked(lines)) == ["SLO", "Traffic"], "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("╭  Traffic ") && $0.contains("⚠ per-version metrics unavailable: CloudWatch") })
        #expect(lines.contains { $0.contains(" 1 source failing ") }, "the Traffic metrics are part of the rollouts' read; SLO is the one failing source")
    }
}

