import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// The console on the AWS source in a real terminal (tmux): a canary under way in moto shows
/// up, is rolled back by keys with a confirmation, and the ALB listener really moves.
struct AWSConsoleEndToEndTests {
    @Test func aCanaryOnAWSIsRolledBackByKeys() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-west-3 --endpoint-url \(session.endpoint) --cluster \(fixture.cluster)",
            width: 160, height: 48,
            environment: ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
        )
        let opened = await tmux.waitUntil(timeout: 30) { $0.contains(fixture.service) && $0.contains("shifting") && $0.contains("90/10") }
        #expect(opened.ok, "the canary did not appear:\n\(opened.screen)")
        #expect(opened.screen.contains("aws default · eu-west-3"))

        try tmux.send("R")
        let dialog = await tmux.waitUntil { $0.contains("Confirm rollback") }
        #expect(dialog.ok, "no confirmation:\n\(dialog.screen)")
        try tmux.send("y")
        let rolledBack = await tmux.waitUntil(timeout: 30) { $0.contains("rolledBack") && $0.contains("100/0") }
        #expect(rolledBack.ok, "the rollback never showed:\n\(rolledBack.screen)")
        #expect(try await fixture.listenerWeights() == [100, 0])

        try tmux.send("q")
        let exited = await tmux.waitUntil { $0.contains("EXIT STATUS 0") }
        #expect(exited.ok, "did not exit on q:\n\(exited.screen)")
        let modes = try #require(await tmux.terminalModesAfterExit())
        #expect(isRestored(modes), "terminal left in raw mode: \(modes)")
    }

    /// The Cost pane closes with what this console has asked AWS for, counted as it asks.
    @Test func theCostPaneShowsWhatThisConsoleAskedAWS() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-north-1")
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-north-1 --endpoint-url \(session.endpoint) --cluster \(fixture.cluster)",
            width: 120, height: 40,
            environment: ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
        )
        #expect(await tmux.waitUntil(timeout: 30) { $0.contains(fixture.service) }.ok)
        try tmux.send("4")
        try tmux.send("z")
        let shown = await tmux.waitUntil(timeout: 30) { $0.contains("AWS requests") && $0.contains("by this console") && $0.contains("not a bill") }
        #expect(shown.ok, "no usage in the Cost pane:\n\(shown.screen)")
        #expect(shown.screen.contains("ecs:"), "the busiest APIs are named:\n\(shown.screen)")
        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }
}
