import CygniControlPlane
import Foundation
import Testing

/// `POST /v1/rollouts` over real HTTP: every field checked and named before anything is done,
/// the dry run checked exactly as the deploy, roles enforced, and the sandbox world starting
/// the rollout (one at a time).
@Suite struct DeployRequestTests {
    @Test func everyFieldIsCheckedAndNamed() async throws {
        // At real speed the scenario's release stays in progress for the whole test.
        let server = try await TestServer.start(speed: 1)
        defer { Task { try? await server.stop() } }
        let token = try await server.token(.deployer)
        let cases: [(body: String, status: Int, mentions: String)] = [
            (#"{}"#, 422, "service is required"),
            (#"{"service": "checkout", "image": "x:1"}"#, 422, "is not CLUSTER/SERVICE"),
            (#"{"service": "prod/checkout"}"#, 422, "image or taskDefinition is required"),
            (#"{"service": "prod/checkout", "image": "x:1", "taskDefinition": "web:3"}"#, 422, "not both"),
            (#"{"service": "prod/checkout", "image": "has space"}"#, 422, "image must be"),
            (#"{"service": "prod/checkout", "image": "x:1", "strategy": "rolling"}"#, 422, "task sets cannot do"),
            (#"{"service": "prod/checkout", "image": "x:1", "strategy": "fast"}"#, 422, "is not one of canary, linear, blueGreen"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [50, 25]}"#, 422, "steps must increase"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [0]}"#, 422, "steps[0] must be a whole percentage"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [true]}"#, 422, "steps[0] must be a whole percentage"),
            (#"{"service": "prod/checkout", "image": "x:1", "bake": "soon"}"#, 422, "bake \"soon\" is not a duration"),
            (#"{"service": "prod/checkout", "image": "x:1", "bake": "48h"}"#, 422, "bake must be from 0 to 24h"),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"confidence": 2}}"#, 422, "analysis.confidence"),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"speed": 1}}"#, 422, "unknown field analysis.\"speed\""),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"thresholds": {"failureLimit": 0}}}"#, 422, "analysis.thresholds.failureLimit"),
            (#"{"service": "prod/checkout", "image": "x:1", "force": true}"#, 422, "unknown field \"force\""),
            (#"{"service": "prod/checkout", "image": "x:1"}"#, 422, "no cluster prod in this sandbox"),
            (#"{"service": "production/billing", "image": "x:1"}"#, 422, "no service production/billing in this sandbox; its services: production/checkout"),
            (#"{"service": "production/checkout", "image": "x:1", "bake": 0, "rollbackWindow": 0, "strategy": "blueGreen"}"#, 409, "production/checkout is already rolling out"),
            (#"{"service": "production/payments", "image": "x:1"}"#, 409, "the sandbox drives one rollout at a time"),
        ]
        // The dry run answers every one of them as the deploy does.
        for path in ["/v1/rollouts?dryRun=true", "/v1/rollouts"] {
            for (index, (body, status, mentions)) in cases.enumerated() {
                let reply = try await server.send("POST", path, token: token, headers: [("Idempotency-Key", "d\(index)")], body: body)
                #expect(reply.status == status, "\(path) \(body): \(reply.text)")
                #expect(reply.errorMessage?.contains(mentions) == true, "\(path) \(body): wanted \(mentions), got \(reply.text)")
            }
            let noKey = try await server.send("POST", path, token: token, body: #"{"service": "prod/checkout", "image": "x:1"}"#)
            #expect(noKey.status == 400, "\(path): \(noKey.text)")
        }
        let badFlag = try await server.send(
            "POST", "/v1/rollouts?dryRun=yes", token: token, headers: [("Idempotency-Key", "d")], body: #"{"service": "production/checkout", "image": "x:1"}"#)
        #expect(badFlag.status == 400 && badFlag.errorMessage?.contains("dryRun must be true or false") == true, "\(badFlag.text)")
    }

    @Test func theDryRunPlansAndWritesNothingThenTheDeployRunsInTheSandbox() async throws {
        let server = try await TestServer.start(scenario: "steady")
        defer { Task { try? await server.stop() } }
        let token = try await server.token(.deployer)
        let admin = try await server.token(.admin)
        let body = #"{"service": "production/checkout", "image": "registry.example/checkout:v1.43.0", "steps": [50], "bake": "5m", "analysis": {"passScore": 90}, "reason": "ship it"}"#
        let auditBefore = try await server.send("GET", "/v1/audit?limit=200", token: admin)
        @Sendable func rolloutIDs() async throws -> [String] {
            let page = try await server.send("GET", "/v1/rollouts?limit=200", token: token)
            return ((page.json?["rollouts"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        }
        let rolloutsBefore = try await rolloutIDs()

        let planned = try await server.send("POST", "/v1/rollouts?dryRun=true", token: token, headers: [("Idempotency-Key", "ship-1")], body: body)
        #expect(planned.status == 200, "\(planned.text)")
        let plan = try #require(planned.json?["plan"] as? [String: Any], "\(planned.text)")
        #expect(plan["service"] as? String == "production/checkout")
        #expect(plan["fromVersion"] as? String == "v1.41.2" && plan["toVersion"] as? String == "v1.43.0", "\(planned.text)")
        let steps = (plan["steps"] as? [[String: Any]]) ?? []
        #expect(steps.compactMap { $0["canaryWeight"] as? Int } == [50, 100], "\(planned.text)")
        #expect(steps.compactMap { $0["bakeSeconds"] as? Double } == [300, 300], "\(planned.text)")
        let analysis = try #require(plan["analysis"] as? [String: Any])
        #expect(analysis["passScore"] as? Double == 90, "the override is applied: \(planned.text)")
        #expect(((analysis["metrics"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == ["error_rate", "latency_ms"])
        #expect(((plan["slos"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String } == ["availability", "latency"], "\(planned.text)")
        let cost = try #require(plan["cost"] as? [String: Any])
        #expect(cost["priceSource"] as? String == "built-in table" && cost["fallbackReason"] as? String == "the sandbox has no Pricing API", "\(planned.text)")
        // checkout: 6 tasks of 0.5 vCPU / 1 GB; the canary's 3 tasks for 5 minutes, then 6 for 5 more.
        #expect((cost["running"] as? [String: Any])?["count"] as? Int == 6)
        #expect(abs(((cost["overlapHours"] as? Double) ?? 0) - 10.0 / 60) < 1e-9, "\(planned.text)")
        let hourlyTask = 0.5 * 0.04048 + 1 * 0.004445
        #expect(abs(((cost["overlapCost"] as? Double) ?? 0) - hourlyTask * (3 + 6) * 5 / 60) < 1e-9, "\(planned.text)")
        #expect(cost["monthlyDelta"] as? Double == 0, "same size, same count: \(planned.text)")

        // Nothing written: no audit entry, no rollout, and the key is still free.
        let auditAfter = try await server.send("GET", "/v1/audit?limit=200", token: admin)
        #expect(auditAfter.text == auditBefore.text, "the dry run wrote to the audit chain")
        #expect(try await rolloutIDs() == rolloutsBefore)

        let created = try await server.send("POST", "/v1/rollouts", token: token, headers: [("Idempotency-Key", "ship-1")], body: body)
        #expect(created.status == 201, "\(created.text)")
        let rollout = try #require(created.json?["rollout"] as? [String: Any], "\(created.text)")
        let id = try #require(rollout["id"] as? String)
        #expect(rollout["toVersion"] as? String == "v1.43.0" && rollout["service"] as? String == "checkout")
        let again = try await server.send("POST", "/v1/rollouts", token: token, headers: [("Idempotency-Key", "ship-1")], body: body)
        #expect(again.status == 201 && (again.json?["rollout"] as? [String: Any])?["id"] as? String == id, "the same key answers the first deploy again")
        let busy = try await server.send("POST", "/v1/rollouts?dryRun=true", token: token, headers: [("Idempotency-Key", "ship-2")], body: body)
        #expect(busy.status == 409 && busy.errorMessage?.contains("already rolling out (rollout \(id)") == true, "\(busy.text)")

        // The engine drives it: traffic at 50, then the promotion (speed 60: minutes in seconds).
        let succeeded = await eventually(within: 60) {
            let page = try? await server.send("GET", "/v1/rollouts/\(id)", token: token)
            return page?.json?["phase"] as? String == "succeeded"
        }
        #expect(succeeded, "the deploy did not run to its end")
        let audit = try await server.send("GET", "/v1/audit?limit=200", token: admin)
        let entries = (audit.json?["entries"] as? [[String: Any]]) ?? []
        let deploy = entries.first { $0["action"] as? String == "deploy" }
        #expect(deploy?["outcome"] as? String == "accepted" && deploy?["reason"] as? String == "ship it", "\(audit.text)")
        #expect(entries.contains { $0["actor"] as? String == "engine" && $0["rolloutId"] as? String == id }, "the engine's decisions are audited: \(audit.text)")
    }

    @Test func anOperatorMayNotDeploy() async throws {
        let server = try await TestServer.start()
        defer { Task { try? await server.stop() } }
        let reply = try await server.send(
            "POST", "/v1/rollouts", token: try await server.token(.operator), headers: [("Idempotency-Key", "d1")],
            body: #"{"service": "prod/checkout", "image": "x:1"}"#)
        #expect(reply.status == 403)
        #expect(reply.errorMessage?.contains("may not deploy") == true, "\(reply.text)")
    }
}
