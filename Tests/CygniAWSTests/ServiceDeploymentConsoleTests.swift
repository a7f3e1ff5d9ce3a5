import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// A canary ECS runs itself, in the console (tmux) and in `cx status --json`, against the
/// extended moto.
struct ServiceDeploymentConsoleTests {
    func environment(_ session: MotoHarness.Session) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey]
    }

    /// `R y` on a baking canary: StopServiceDeployment ROLLBACK, ECS rolls back, the console follows.
    @Test func aCanaryECSRunsIsRolledBackByKeys() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let session = try await MotoHarness.shared.session()
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2")
        try await fixture.deploy()
        try await fixture.advance(10 * 60)
        let tmux = try Tmux(
            command: "\(Binary.path) --aws --region eu-west-2 --endpoint-url \(session.endpoint) --cluster \(fixture.cluster)",
            width: 160, height: 48, environment: environment(session))
        let opened = await tmux.waitUntil(timeout: 30) { $0.contains(fixture.service) && $0.contains("baking") && $0.contains("90/10") }
        #expect(opened.ok, "the canary did not appear:\n\(opened.screen)")
        #expect(opened.screen.contains("ECS IN_PROGRESS · BAKE_TIME · canary 10% baking 10m00s → 100% baking 15m00s · step 1/2"), "\(opened.screen)")
        #expect(opened.screen.contains("1.4.2") && opened.screen.contains("1.5.0"))

        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")
        let asked = await tmux.waitUntil(timeout: 30) { $0.contains("rollingBack") && $0.contains("ROLLBACK_REQUESTED") }
        #expect(asked.ok, "the rollback never showed:\n\(asked.screen)")
        #expect(try await fixture.deployment().status == "ROLLBACK_REQUESTED")
        #expect(asked.screen.contains("ECS is rolling the deployment back (StopServiceDeployment ROLLBACK)"), "\(asked.screen)")

        try await fixture.advance(2 * 60)
        let rolledBack = await tmux.waitUntil(timeout: 30) { $0.contains("rolledBack") && $0.contains("100/0") && $0.contains("ROLLBACK_SUCCESSFUL") }
        #expect(rolledBack.ok, "the console did not follow ECS's rollback:\n\(rolledBack.screen)")
        #expect(try await fixture.listenerWeights() == [100, 0])
        let journal = (try? String(contentsOfFile: tmux.workDirectory + "/state/cygni/audit.jsonl", encoding: .utf8)) ?? ""
        let entries = journal.split(separator: "\n")
        #expect(entries.count == 1 && entries.first?.contains("\"accepted\":true") == true && entries.first?.contains("\"toPhase\":\"rollingBack\"") == true, "audit: \(entries)")

        try tmux.send("q")
        #expect(await tmux.waitUntil { $0.contains("EXIT STATUS 0") }.ok)
    }

    /// `cx status --json` on a canary held by a PAUSE hook: the contract's fields, and ECS's
    /// own under "ecsDeployment", with what changes from run to run (ARNs, ids, times) masked.
    @Test func statusJSONCarriesWhatECSSays() async throws {
        let session = try await MotoHarness.shared.session()
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", percent: 5, hooks: [ServiceDeploymentFixture.pauseBeforeShifts(minutes: 30)])
        try await fixture.deploy()
        try await fixture.advance(6 * 60)
        var environment = environment(session)
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        let run = try await CxProgram.runAside(
            ["status", "--json", "--aws", "--region", "eu-west-2", "--endpoint-url", session.endpoint, "--cluster", fixture.cluster], environment: environment)
        #expect(run.status == 0, "\(run.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        var rollout = try #require((json["rollouts"] as? [[String: Any]])?.first)
        var ecs = try #require(rollout["ecsDeployment"] as? [String: Any])
        var hook = try #require((ecs["hooks"] as? [[String: Any]])?.first)
        let left = try #require(hook["expiresInSeconds"] as? Int)
        // The hook expires 30 minutes after ECS reached it; the service's clock in moto is 6
        // minutes ahead of the wall clock cx reads.
        #expect(left > 30 * 60 && left <= 36 * 60, "\(left)")

        let masked = "<masked>"
        #expect((ecs["serviceDeploymentArn"] as? String)?.contains(":service-deployment/\(fixture.cluster)/\(fixture.service)/") == true)
        hook["hookId"] = masked
        hook["expiresAt"] = masked
        hook["expiresInSeconds"] = masked
        ecs["hooks"] = [hook]
        ecs["serviceDeploymentArn"] = masked
        ecs["revisions"] = (ecs["revisions"] as? [[String: Any]])?.map { revision in
            var revision = revision
            revision["arn"] = masked
            return revision
        }
        rollout["ecsDeployment"] = ecs
        rollout["service"] = masked
        rollout["environment"] = masked
        func canonical(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        let expected = try JSONSerialization.jsonObject(with: Data(Self.heldCanary.utf8))
        let pretty = String(decoding: try JSONSerialization.data(withJSONObject: rollout, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        #expect(try canonical(rollout) == (try canonical(expected)), "\(pretty)")
    }

    static let heldCanary = """
        {
          "analysis" : null,
          "analysisNote" : "ECS runs this deployment: its alarms and circuit breaker decide, and no engine's judgements of it are kept here",
          "ecsDeployment" : {
            "alarms" : {
              "alarmNames" : [],
              "status" : "DISABLED",
              "triggeredAlarmNames" : []
            },
            "circuitBreaker" : {
              "failureCount" : 0,
              "status" : "DISABLED",
              "threshold" : 3
            },
            "hooks" : [
              {
                "expiresAt" : "<masked>",
                "expiresInSeconds" : "<masked>",
                "hookId" : "<masked>",
                "status" : "AWAITING_ACTION",
                "targetType" : "PAUSE",
                "timeoutAction" : "ROLLBACK"
              }
            ],
            "lifecycleStage" : "PRODUCTION_TRAFFIC_SHIFT",
            "pauseStages" : [
              "PRE_PRODUCTION_TRAFFIC_SHIFT"
            ],
            "plan" : [
              {
                "bakeMinutes" : 10,
                "percent" : 5
              },
              {
                "bakeMinutes" : 15,
                "percent" : 100
              }
            ],
            "revisions" : [
              {
                "arn" : "<masked>",
                "pendingTasks" : 0,
                "productionWeight" : 100,
                "requestedTasks" : 4,
                "role" : "source",
                "runningTasks" : 4,
                "testWeight" : 0,
                "version" : "1.4.2"
              },
              {
                "arn" : "<masked>",
                "pendingTasks" : 0,
                "productionWeight" : 0,
                "requestedTasks" : 4,
                "role" : "target",
                "runningTasks" : 4,
                "testWeight" : 100,
                "version" : "1.5.0"
              }
            ],
            "rollback" : null,
            "serviceDeploymentArn" : "<masked>",
            "status" : "IN_PROGRESS",
            "statusReason" : null,
            "strategy" : "CANARY"
          },
          "environment" : "<masked>",
          "fromVersion" : "1.4.2",
          "phase" : "paused",
          "reason" : "held by a PAUSE lifecycle hook at PRODUCTION_TRAFFIC_SHIFT: resume continues it, rollback rolls it back; when the hook expires ECS will roll back",
          "region" : "eu-west-2",
          "service" : "<masked>",
          "step" : 0,
          "strategy" : "canary",
          "toVersion" : "1.5.0",
          "traffic" : {
            "canary" : 0,
            "stable" : 100
          },
          "verdict" : "none"
        }
        """
}
