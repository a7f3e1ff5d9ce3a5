import Foundation
import Testing

@testable import CygniAWS

/// `cx status`, `cx snapshot` and `cx rollback` on the AWS source, run as programs against a
/// canary under way in moto.
struct AWSSourceCommandTests {
    func environment(_ session: MotoHarness.Session, state: String) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "XDG_STATE_HOME": state,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
    }

    @Test func statusSnapshotAndRollbackWorkOnAWS() async throws {
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("cx-state-\(UUID().uuidString)").path
        let env = environment(session, state: state)
        let aws = ["--aws", "--region", "eu-west-3", "--endpoint-url", session.endpoint, "--cluster", fixture.cluster]

        let status = try await CxProgram.runAside(["status", "--json"] + aws, environment: env)
        #expect(status.status == 0, "\(status.output)")
        let json = try #require(try? JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any], "\(status.output)")
        #expect((json["source"] as? String)?.hasPrefix("aws default · eu-west-3") == true)
        let rollout = try #require((json["rollouts"] as? [[String: Any]])?.first)
        #expect(rollout["service"] as? String == fixture.service)
        #expect(rollout["phase"] as? String == "shifting")
        #expect(rollout["traffic"] as? [String: Int] == ["stable": 90, "canary": 10])
        #expect(rollout["toVersion"] as? String == "1.5.0")

        let frame = try await CxProgram.runAside(["snapshot", "--width", "160", "--height", "40"] + aws, environment: env)
        #expect(frame.status == 0)
        #expect(frame.output.contains("Timeline") && frame.output.contains("Traffic"))
        #expect(frame.output.contains(fixture.service))
        #expect(frame.output.contains("1.4.2") && frame.output.contains("1.5.0"))

        let rollback = try await CxProgram.runAside(["rollback", fixture.service, "--yes", "--reason", "5xx on checkout"] + aws, environment: env)
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("all traffic on stable"))
        #expect(try await fixture.listenerWeights() == [100, 0])
        let journal = try String(contentsOfFile: state + "/cygni/audit.jsonl", encoding: .utf8)
        #expect(journal.contains("\"action\":\"rollback\"") && journal.contains("5xx on checkout"))
    }

    /// Each Cost Explorer request costs $0.01: only the console and `cx cost` may make one.
    @Test func commandsThatShowNoCostAskCostExplorerNothing() async throws {
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let proxy = FaultProxy()
        let env = environment(session, state: FileManager.default.temporaryDirectory.appendingPathComponent("cx-state-\(UUID().uuidString)").path)
            .merging(["AWS_ENDPOINT_URL": session.endpoint, "AWS_ENDPOINT_URL_COST_EXPLORER": try await proxy.endpoint()]) { $1 }
        // Endpoints from the environment: --endpoint-url would send Cost Explorer past the proxy.
        let aws = ["--aws", "--region", "eu-west-3", "--cluster", fixture.cluster]
        for (command, shows) in [(["status", "--json"], fixture.service), (["slo"], fixture.service), (["snapshot"], fixture.service),
                                 (["pause", fixture.service, "--yes"], "pause needs a rollout engine")] {
            let result = try await CxProgram.runAside(command + aws, environment: env)
            #expect(result.output.contains(shows), "\(command): \(result.output)")
        }
        #expect(try await proxy.requests().isEmpty)
    }

    @Test func sandboxOnlyFlagsAreRefusedOnAWS() async throws {
        let result = try await CxProgram.runAside(["status", "--aws", "--at", "60"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.output.contains("--at applies to the sandbox"))
        let both = try await CxProgram.runAside(["status", "--aws", "--sandbox"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(both.status == 2)
    }

    /// ~/.aws is under $HOME, as for the AWS CLI, not the account's home directory.
    @Test func theProfileFilesAreReadUnderHOME() async throws {
        let session = try await MotoHarness.shared.session()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cx-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try "[profile staging]\nregion = ap-south-1\n".write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        var env = environment(session, state: home + "/state")
        env["HOME"] = home
        env["AWS_PROFILE"] = "staging"
        let result = try await CxProgram.runAside(["status", "--aws", "--endpoint-url", session.endpoint, "--json"], environment: env)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("aws staging · ap-south-1"), "\(result.output)")
    }

    @Test func withoutARegionAWSIsAUsageError() async throws {
        let result = try await CxProgram.runAside(["status", "--aws"], environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("no AWS region"))
    }
}
