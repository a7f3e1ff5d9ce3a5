import CygniAWSProvider
import CygniControlPlane
import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// cygnid driving a deployment ECS runs itself (strategy CANARY, a PAUSE hook before every
/// production shift) in the extended moto, signature checking on: cygnid starts it with
/// UpdateService, judges each step from both target groups' ALB metrics, and continues it at
/// the hook or rolls it back. cygnid's clock and the service's clock in moto move together, 20
/// virtual seconds a round.
@Suite(.serialized) struct EngineOnECSDeploymentsTests {
    /// A proxy of this suite's own, for the faults of one test.
    static let proxy = FaultProxy()

    struct Drive {
        let fixture: ServiceDeploymentFixture
        let server: EngineServer
        /// [blue, green] listener weights, each change once.
        var weights: [[Int]] = []
        /// The newest status seen of each lifecycle hook, by id (ECS shows a hook only until
        /// the stage after it ends).
        var hooks: [String: String] = [:]
        /// ECS's lifecycle stages as cygnid's rollout object showed them, each change once.
        var stagesShown: [String] = []
        /// Requests and 5xx per minute on each side; the canary's only while it has traffic.
        var stable = (requests: 1_000, errors: 1)
        var canary = (requests: 400, errors: 0)

        mutating func rounds(_ count: Int, id: String, until done: ([String: Any]) -> Bool = { _ in false }) async throws -> [String: Any] {
            var rollout: [String: Any] = [:]
            if weights.isEmpty { weights.append(try await fixture.listenerWeights()) }
            for round in 0..<count {
                try await fixture.balancer.publishRound(
                    round, at: server.clock.now, stable: stable, canary: canary, canaryServes: (weights.last?.last ?? 0) > 0, client: fixture.client)
                server.clock.advance(20)
                try await fixture.advance(20)
                try await server.tick()
                let now = try await fixture.listenerWeights()
                if weights.last != now { weights.append(now) }
                for hook in try await fixture.deployment().hooks { hooks[hook.hookID] = hook.status }
                rollout = try await server.rollout(id)
                if let stage = (rollout["ecsDeployment"] as? [String: Any])?["lifecycleStage"] as? String, stagesShown.last != stage {
                    stagesShown.append(stage)
                }
                if done(rollout) { return rollout }
            }
            return rollout
        }
    }

    static let body = #"{"service": "SERVICE", "image": "registry.example.com:5000/checkout:1.5.0", "analysis": {"minimumSamples": 2}, "reason": "release 1.5.0"}"#

    static func deploy(_ server: EngineServer, _ fixture: ServiceDeploymentFixture, body: String = body) async throws -> String {
        let answer = try await server.send("POST", "/v1/rollouts", body: body.replacingOccurrences(of: "SERVICE", with: "\(fixture.cluster)/\(fixture.service)"), key: UUID().uuidString)
        #expect(answer.status == 201, "deploy answered \(answer.status): \(answer.json)")
        return try #require((answer.json["rollout"] as? [String: Any])?["id"] as? String)
    }

    /// The document is what the OpenAPI description promises (schemathesis never meets one of
    /// these: only the AWS world makes them).
    static func expectConforms(_ document: Data) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-\(UUID().uuidString).json")
        try document.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let check = await ProgramRun.runAside([RepositoryPaths.script("conforms-to-openapi.py"), "Rollout", path.path], timeout: 30)
        #expect(check.status == 0, "the rollout does not conform to openapi.yaml:\n\(check.output)")
    }

    static func phase(_ rollout: [String: Any]) -> String { rollout["phase"] as? String ?? "" }
    static func message(_ error: [String: Any]) -> String { (error["error"] as? [String: Any])?["message"] as? String ?? "" }
    static func ended(_ rollout: [String: Any]) -> Bool { ["succeeded", "rolledBack", "failed"].contains(phase(rollout)) }

    /// A CANARY service of 10% baking 4 minutes then 100% baking 2, held before each shift by a
    /// PAUSE hook of 30 minutes, its stages 20 s long; cygnid on it, drained after.
    /// `also` adds fields to the deployment configuration (a circuit breaker, say).
    static func canary(hooks: [JSONValue] = [ServiceDeploymentFixture.pauseBeforeShifts()], also: [String: JSONValue] = [:]) -> JSONValue {
        let fields: [String: JSONValue] = [
            "strategy": "CANARY", "bakeTimeInMinutes": 2, "lifecycleHooks": .array(hooks),
            "canaryConfiguration": ["canaryPercent": 10, "canaryBakeTimeInMinutes": 4],
        ]
        return .object(fields.merging(also) { $1 })
    }

    static func withDeployment(
        _ region: String, configuration: JSONValue = canary(), endpoint: String? = nil, _ body: (ServiceDeploymentFixture, EngineServer) async throws -> Void
    ) async throws {
        let fixture = try await ServiceDeploymentFixture.make(region: region, configuration: configuration)
        try await fixture.balancer.registerTargets(4)
        try await fixture.stageSeconds(20)
        let server = try await EngineServer.start(region: region, store: try await EngineStore.sqlite.fresh(), clock: VirtualClock(), endpoint: endpoint)
        try await server.serving { try await body(fixture, server) }
    }

    @Test func aHealthyCanaryIsContinuedAtEveryHookUntilECSFinishes() async throws {
        try await Self.withDeployment("eu-west-1") { fixture, server in
            let id = try await Self.deploy(server, fixture)
            let created = try await server.rollout(id)
            let plan = created["plan"] as? [String: Any] ?? [:]
            #expect(plan["strategy"] as? String == "canary" && plan["steps"] as? [Int] == [10, 100] && plan["bakes"] as? [Int] == [240, 240], "the plan is ECS's: \(plan)")

            var drive = Drive(fixture: fixture, server: server)
            let rollout = try await drive.rounds(200, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "succeeded", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            #expect(drive.weights == [[100, 0], [90, 10], [0, 100]], "weights seen: \(drive.weights)")

            // UpdateService started ECS's deployment of the new revision; cygnid continued both
            // hooks (one timing out would have rolled it back) and ECS finished it.
            let deployment = try await fixture.deployment()
            #expect(deployment.status == "SUCCESSFUL", "ECS shows \(deployment.status): \(deployment.statusReason ?? "")")
            #expect(drive.hooks.count == 2 && !drive.hooks.values.contains("TIMED_OUT"), "hooks seen: \(drive.hooks)")
            // The rollout object says what ECS says, in its words, as it went.
            #expect(drive.stagesShown.contains("BAKE_TIME") && drive.stagesShown.last == "CLEAN_UP", "stages shown: \(drive.stagesShown)")
            let report = rollout["ecsDeployment"] as? [String: Any] ?? [:]
            #expect(report["status"] as? String == "SUCCESSFUL" && report["strategy"] as? String == "CANARY", "\(report)")
            try await Self.expectConforms(try JSONSerialization.data(withJSONObject: try await server.rollout(id)))
            let service = try #require(try await ECSClient(fixture.client).describeServices(cluster: fixture.cluster, services: [fixture.service]).first)
            #expect(service.taskDefinition != fixture.stable.arn)
            #expect(service.taskSets.isEmpty, "no task set was made")

            let events = rollout["events"] as? [[String: Any]] ?? []
            let messages = events.compactMap { $0["message"] as? String }
            #expect(messages.contains { $0.hasPrefix("analysis pass at step 1 (10%)") }, "the 10% step was judged: \(messages)")
            // Each step's time counted from when ECS had moved its traffic, not from when asked.
            #expect(messages.contains("10% of traffic on 1.5.0 now; the step's time counts from here"), "\(messages)")
            #expect(messages.contains("100% of traffic on 1.5.0 now; the step's time counts from here"), "\(messages)")
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            let engineActions = audit.filter { $0["actor"] as? String == "engine" }.compactMap { $0["action"] as? String }
            #expect(engineActions.contains("shift") && engineActions.contains("succeed"), "engine actions: \(engineActions)")
        }
    }

    @Test func aCanaryWhoseGroupReturns5xxIsRolledBackBeforeTheNextShift() async throws {
        try await Self.withDeployment("eu-west-3") { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            drive.canary = (requests: 400, errors: 80)
            let rollout = try await drive.rounds(200, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "rolledBack", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            let reason = rollout["reason"] as? String ?? ""
            #expect(["success rate", "error_rate", "availability"].contains { reason.contains($0) }, "reason: \(reason)")
            #expect(drive.weights.allSatisfy { $0[1] <= 10 }, "the canary never got past its first step: \(drive.weights)")
            #expect(try await fixture.listenerWeights() == [100, 0], "rolledBack only once ECS moved the traffic back")

            // cygnid asked ECS to roll back, and ECS did.
            _ = try await drive.rounds(5, id: id)
            let deployment = try await fixture.deployment()
            #expect(deployment.status == "ROLLBACK_SUCCESSFUL", "ECS shows \(deployment.status)")
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "auto-rollback" && $0["actor"] as? String == "engine" })
            #expect(!audit.contains { $0["action"] as? String == "outside-change" }, "the rollback is cygnid's own")
        }
    }

    @Test func aRollbackWhileAHookHoldsTheDeploymentIsTheHooksRollback() async throws {
        try await Self.withDeployment("ap-southeast-2") { fixture, server in
            let id = try await Self.deploy(server, fixture)
            let paused = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "pause", "reason": "hold for the change window"}"#, key: "pause-1")
            #expect(paused.status == 200 && (paused.json["command"] as? [String: Any])?["accepted"] as? Bool == true, "pause: \(paused.json)")

            // Paused, cygnid lets the first hook wait.
            var drive = Drive(fixture: fixture, server: server)
            for _ in 0..<40 {
                _ = try await drive.rounds(1, id: id)
                if try await fixture.deployment().hooks.contains(where: \.isAwaitingAction) { break }
            }
            #expect(try await fixture.deployment().hooks.contains(where: \.isAwaitingAction), "the hook holds the deployment")
            #expect(try await fixture.listenerWeights() == [100, 0])

            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "rollback", "reason": "not today"}"#, key: "rb-1")
            #expect(answer.status == 200 && (answer.json["command"] as? [String: Any])?["accepted"] as? Bool == true, "rollback: \(answer.json)")
            let deployment = try await fixture.deployment()
            #expect(deployment.status == "ROLLBACK_REQUESTED", "ECS shows \(deployment.status)")
            #expect(deployment.hooks.first?.status == "FAILED", "the hook was answered ROLLBACK: \(deployment.hooks)")

            let rollout = try await drive.rounds(30, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "rolledBack", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            _ = try await drive.rounds(5, id: id)
            #expect(try await fixture.deployment().status == "ROLLBACK_SUCCESSFUL")
        }
    }

    @Test func aRollbackECSRefusesAtFirstIsAskedAgainUntilItTakes() async throws {
        try await Self.proxy.reset()
        try await Self.withDeployment("eu-north-1", endpoint: try await Self.proxy.endpoint()) { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            for _ in 0..<60 where drive.weights.last != [90, 10] { _ = try await drive.rounds(1, id: id) }
            #expect(drive.weights.last == [90, 10])
            // More refusals than the client retries: the command itself must ask again.
            try await Self.proxy.queue(Array(repeating: "503 when StopServiceDeployment", count: 8))
            let answer = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "rollback", "reason": "latency"}"#, key: "rb-faults")
            #expect((answer.json["command"] as? [String: Any])?["accepted"] as? Bool == true, "rollback: \(answer.json)")

            let rollout = try await drive.rounds(30, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "rolledBack", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            #expect(try await Self.proxy.pendingFaults() == 0, "every refusal was met")
            _ = try await drive.rounds(5, id: id)
            #expect(try await fixture.deployment().status == "ROLLBACK_SUCCESSFUL")
            #expect(try await fixture.listenerWeights() == [100, 0])
        }
    }

    @Test func ECSsOwnRollbackIsRecordedAndNotFought() async throws {
        try await Self.withDeployment("ca-central-1") { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            for _ in 0..<60 where drive.weights.last != [90, 10] { _ = try await drive.rounds(1, id: id) }
            #expect(try await fixture.listenerWeights() == [90, 10])
            // Break-glass, straight to ECS.
            try await ECSClient(fixture.client).stopServiceDeployment(try await fixture.deployment().arn, stopType: .rollback)

            let rollout = try await drive.rounds(10, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "rolledBack", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            #expect((rollout["reason"] as? String ?? "").contains("rolled back outside cygnid"), "reason: \(rollout["reason"] ?? "")")
            _ = try await drive.rounds(20, id: id)
            #expect(try await fixture.deployment().status == "ROLLBACK_SUCCESSFUL")
            #expect(try await fixture.listenerWeights() == [100, 0])
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "outside-change" && $0["actor"] as? String == "outside" })
        }
    }

    @Test func ECSsCircuitBreakerRollingBackIsRecordedWithWhatItCounted() async throws {
        let configuration = Self.canary(also: ["deploymentCircuitBreaker": ["enable": true, "rollback": true]])
        try await Self.withDeployment("me-central-1", configuration: configuration) { fixture, server in
            let id = try await Self.deploy(server, fixture)
            var drive = Drive(fixture: fixture, server: server)
            for _ in 0..<60 where drive.weights.last != [90, 10] { _ = try await drive.rounds(1, id: id) }
            #expect(drive.weights.last == [90, 10])
            // The new revision's tasks keep failing: ECS's own breaker trips and rolls back.
            try await fixture.failTasks(3)

            let rollout = try await drive.rounds(10, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "rolledBack", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            let reason = rollout["reason"] as? String ?? ""
            #expect(reason.contains("rolled back outside cygnid") && reason.contains("circuit breaker"), "reason: \(reason)")
            _ = try await drive.rounds(5, id: id)
            #expect(try await fixture.listenerWeights() == [100, 0])
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "outside-change" && $0["actor"] as? String == "outside" })
        }
    }

    @Test func aHookContinuedOutsideCygnidEndsTheRolloutWithoutAFight() async throws {
        try await Self.withDeployment("eu-south-2") { fixture, server in
            let id = try await Self.deploy(server, fixture)
            let paused = try await server.send("POST", "/v1/rollouts/\(id)/commands", body: #"{"action": "pause", "reason": "hold"}"#, key: "pause-2")
            #expect((paused.json["command"] as? [String: Any])?["accepted"] as? Bool == true, "pause: \(paused.json)")
            var drive = Drive(fixture: fixture, server: server)
            for _ in 0..<40 {
                _ = try await drive.rounds(1, id: id)
                if try await fixture.deployment().hooks.contains(where: \.isAwaitingAction) { break }
            }
            // Someone continues the hook in the ECS console while cygnid holds the rollout.
            let deployment = try await fixture.deployment()
            let waiting = deployment.hooks.first { $0.isAwaitingAction }
            let hook = try #require(waiting, "the hook holds the deployment")
            try await ECSClient(fixture.client).continueServiceDeployment(deployment.arn, hookID: hook.hookID, action: .continue)

            let rollout = try await drive.rounds(10, id: id, until: Self.ended)
            #expect(Self.phase(rollout) == "failed", "ended \(rollout["phase"] ?? "?"): \(rollout["reason"] ?? "")")
            #expect((rollout["reason"] as? String ?? "").contains("continued outside cygnid"), "reason: \(rollout["reason"] ?? "")")
            let audit = try await server.send("GET", "/v1/audit?limit=200").json["entries"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "outside-change" && $0["actor"] as? String == "outside" })
            // cygnid answers no later hook: the deployment is ECS's and whoever continued it.
            _ = try await drive.rounds(20, id: id)
            let later = try await fixture.deployment().hooks
            #expect(later.contains { $0.isAwaitingAction && $0.hookID != hook.hookID }, "the next hook waits, unanswered: \(later)")
            #expect(try await fixture.listenerWeights() == [90, 10])
        }
    }

    @Test func aDeployIsRefusedWhereCygnidCannotJudgeOrThePlanDisagrees() async throws {
        try await Self.withDeployment("us-west-2", configuration: Self.canary(hooks: [])) { fixture, server in
            let key = "\(fixture.cluster)/\(fixture.service)"
            let unjudged = try await server.send(
                "POST", "/v1/rollouts", body: #"{"service": "\#(key)", "image": "registry.example.com:5000/checkout:1.5.0"}"#, key: UUID().uuidString)
            #expect(unjudged.status == 422)
            #expect(Self.message(unjudged.json).contains("without a PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT"), "\(unjudged.json)")
        }
        try await Self.withDeployment("ap-northeast-2") { fixture, server in
            // A deployment started in ECS directly is under way: cygnid starts none beside it.
            try await fixture.deploy()
            let busy = try await server.send(
                "POST", "/v1/rollouts", body: #"{"service": "\#(fixture.cluster)/\#(fixture.service)", "image": "registry.example.com:5000/checkout:1.6.0"}"#,
                key: UUID().uuidString)
            #expect(busy.status == 409)
            #expect(Self.message(busy.json).contains("ECS is already deploying"), "\(busy.json)")
        }
        try await Self.withDeployment("us-east-2") { fixture, server in
            let key = "\(fixture.cluster)/\(fixture.service)"
            let disagreeing = try await server.send(
                "POST", "/v1/rollouts", body: #"{"service": "\#(key)", "image": "registry.example.com:5000/checkout:1.5.0", "strategy": "canary", "steps": [25, 50]}"#,
                key: UUID().uuidString)
            #expect(disagreeing.status == 422)
            #expect(Self.message(disagreeing.json).contains("CANARY 10% baking 4 min, then 100% baking 2 min"), "\(disagreeing.json)")
            // The same plan said out loud is taken.
            let agreeing = #"{"service": "SERVICE", "image": "registry.example.com:5000/checkout:1.5.0", "strategy": "canary", "steps": [10], "bake": "4m"}"#
            _ = try await Self.deploy(server, fixture, body: agreeing)
        }
    }
}
