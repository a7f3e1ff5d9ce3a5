import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// The console on AWS in tmux while AWS misbehaves: `R y` during each kind of fault, and during a
/// burst of fifty, ends with the listener at 100/0 and the canary task set deleted within 30 s of
/// the faults clearing, one audit entry, and the pending banner gone; the console answers keys
/// throughout. One case at a time: each runs a console polling moto.
@Suite(.serialized)
struct RollbackUnderFaultsEndToEndTests {
    @Test(arguments: RollbackFaults.kinds + ["burst"])
    func rollbackByKeysCompletesThroughFaults(kind: String) async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: 30)
        let proxy = FaultProxy()
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-west-3 --endpoint-url \(try await proxy.endpoint()) --cluster \(fixture.cluster)",
            width: 160, height: 48,
            environment: ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
        )
        let opened = await tmux.waitUntil(timeout: 30) { $0.contains(fixture.service) && $0.contains("70/30") }
        try #require(opened.ok, "the canary did not appear:\n\(opened.screen)")

        try await proxy.queue(kind == "burst" ? RollbackFaults.burst(seed: 11) : RollbackFaults.plan(kind))
        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")

        if kind == "burst" {
            // Mid-burst the console still answers at once: help opens and closes.
            for _ in 0..<3 {
                let open = try await tmux.secondsToAnswer("?") { $0.contains("keymap default") }
                let close = try await tmux.secondsToAnswer("?") { !$0.contains("keymap default") }
                #expect(open.map { $0 < 0.2 } == true && close.map { $0 < 0.2 } == true, "keys took \(open ?? -1) s and \(close ?? -1) s")
            }
        }

        // The faults have cleared when the last queued one is taken; a rollback may also be
        // done before that, leaving faults meant for calls it no longer needs.
        var cleared: Date?
        var done: Date?
        let giveUp = Date().addingTimeInterval(150)
        while done == nil, Date() < giveUp, cleared.map({ Date().timeIntervalSince($0) < 30 }) ?? true {
            if cleared == nil, try await proxy.pendingFaults() == 0 { cleared = Date() }
            let weights = try await fixture.listenerWeights()
            let sets = try await ECSClient(fixture.client).describeTaskSets(cluster: fixture.cluster, service: fixture.service).map(\.id)
            if weights == [100, 0] && sets == [fixture.stable.id] { done = Date() }
            try await Task.sleep(for: .milliseconds(200))
        }
        let weights = try await fixture.listenerWeights()
        #expect(done != nil, "not done \(cleared.map { _ in "30 s after the faults cleared" } ?? "in 150 s"): listener \(weights)")

        let settled = await tmux.waitUntil(timeout: 20) { !$0.contains("⟳") && $0.contains("rolledBack") && $0.contains("100/0") }
        #expect(settled.ok, "the banner did not give way to the rolled-back rollout:\n\(settled.screen)")
        let journal = (try? String(contentsOfFile: tmux.workDirectory + "/state/cygni/audit.jsonl", encoding: .utf8)) ?? ""
        let entries = journal.split(separator: "\n")
        #expect(entries.count == 1 && entries.first?.contains("\"accepted\":true") == true, "audit: \(entries)")

        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }

    /// While the listener refuses every write, the banner says so: the tries, the last error,
    /// the next try and the key that stops it. Stopping leaves traffic where it was, says so,
    /// and journals the cancel.
    @Test func theBannerShowsTriesAndTheStopKeyEndsThem() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: 30)
        let proxy = FaultProxy()
        try await proxy.answer(status: 503, body: "Service Unavailable", contains: "Action=ModifyListener", contentType: "text/plain")
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-west-3 --endpoint-url \(try await proxy.endpoint()) --cluster \(fixture.cluster)",
            width: 160, height: 48,
            environment: ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
        )
        try #require(await tmux.waitUntil(timeout: 30) { $0.contains(fixture.service) && $0.contains("70/30") }.ok)
        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")
        let banner = await tmux.waitUntil(timeout: 30) { $0.contains("ROLLING BACK \(fixture.service): not done yet") && $0.contains("try 2 failed") }
        #expect(banner.ok, "no banner:\n\(banner.screen)")
        let top = banner.screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.contains("next try in") && top.contains("C stops retrying"), "\(top)")
        let timeline = await tmux.waitUntil(timeout: 15) { $0.contains("rollback try 1 failed") }
        #expect(timeline.ok, "the Timeline records each try:\n\(timeline.screen)")

        try tmux.send("C")
        let stopped = await tmux.waitUntil { !$0.contains("⟳") && $0.contains("stopped rolling back") }
        #expect(stopped.ok, "\(stopped.screen)")
        #expect(try await fixture.listenerWeights() == [70, 30])
        var journal = ""
        let deadline = Date().addingTimeInterval(15)
        while !journal.contains("cancelled by the operator"), Date() < deadline {
            journal = (try? String(contentsOfFile: tmux.workDirectory + "/state/cygni/audit.jsonl", encoding: .utf8)) ?? ""
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(journal.contains("cancelled by the operator") && journal.contains("traffic did not move"), "\(journal)")
        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }
}
