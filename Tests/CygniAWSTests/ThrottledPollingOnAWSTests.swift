import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// The console on AWS in tmux while X-Ray throttles every request (through the fault proxy): the
/// trace reads slow down, 30 s apart then 60 s, while ECS and CloudWatch Logs keep their pace,
/// and the status line and the Traces pane say how often X-Ray is polled now.
struct ThrottledPollingOnAWSTests {
    /// Request times of one signing service, grouped into reads: the attempts of one read (the
    /// SDK's retries) and one refresh's requests come within a few seconds of each other.
    func reads(_ requests: [JSONValue], service: String, gap: Double) -> [Double] {
        let times = requests.filter { $0["scope"]?.string?.hasSuffix("/\(service)") == true }.compactMap { $0["time"]?.double }.sorted()
        var starts: [Double] = []
        var previous = -Double.infinity
        for time in times {
            if time - previous > gap { starts.append(time) }
            previous = time
        }
        return starts
    }

    @Test func throttlingOnXRaySlowsOnlyTheTracePollsAndThePaneSaysSo() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let proxy = FaultProxy()
        try await proxy.answer(
            service: "xray", status: 400, body: #"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#, contentType: "application/json")
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-west-3 --endpoint-url \(try await proxy.endpoint()) --cluster \(fixture.cluster)",
            width: 200, height: 50,
            environment: ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
        )
        // Traces are read every 15 s on AWS: one throttle makes it 30 s, the next 60 s.
        let first = await tmux.waitUntil(timeout: 30) { $0.contains(" X-Ray throttled: polling every 30 s ") }
        try #require(first.ok, "the status line never said X-Ray is throttled:\n\(first.screen)")
        let second = await tmux.waitUntil(timeout: 60) { $0.contains(" X-Ray throttled: polling every 60 s ") }
        #expect(second.ok, "the second throttle did not slow X-Ray further:\n\(second.screen)")
        let tracesTitle = second.screen.split(separator: "\n").first { $0.contains("╭  Traces ") }.map(String.init) ?? ""
        #expect(tracesTitle.contains("⚠ X-Ray throttled: polling every 60 s"), "the Traces pane does not say so: \(tracesTitle)")
        #expect(!second.screen.contains("ECS throttled") && !second.screen.contains("CloudWatch Logs throttled"))

        let requests = try await proxy.requests()
        let xray = reads(requests, service: "xray", gap: 5)
        try #require(xray.count >= 2, "X-Ray reads: \(xray)")
        // 30 s apart, give or take the 10% jitter and a refresh, where an unthrottled console reads every 15 s.
        let slowed = xray[1] - xray[0]
        #expect((26...40).contains(slowed), "X-Ray read again after \(slowed) s")
        // Meanwhile the other APIs keep their pace: ECS every 5 s refresh, the log tail every 10 s.
        let window = xray[0]...xray[1]
        let ecs = reads(requests, service: "ecs", gap: 2).filter(window.contains)
        let logs = reads(requests, service: "logs", gap: 2).filter(window.contains)
        #expect(ecs.count >= Int(slowed / 5) - 1, "ECS refreshes between the X-Ray reads: \(ecs.count) in \(slowed) s")
        #expect(logs.count >= Int(slowed / 10) - 1, "log tail reads between the X-Ray reads: \(logs.count) in \(slowed) s")

        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }
}
