import CygniControlPlane
import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// One path end to end on moto: `cygnid serve --aws`, `cx deploy --yes` through it (the plan
/// read from the service's task definitions, nothing registered by the dry run), the console in
/// tmux following the rollout through cygnid, and `R y` leaving the listener at 100/0.
@Suite(.serialized) struct DeployOnAWSTests {
    static let proxy = FaultProxy()

    @Test func cxDeployThroughCygnidThenTheConsoleRollsItBack() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let region = "eu-south-2"
        let fixture = try await EngineServiceFixture.make(region: region)
        let endpoint = try await Self.proxy.endpoint()
        let store = "sqlite:" + EngineProcessTests.temporary("cygnid-deploy") + ".sqlite"
        let secretPath = EngineProcessTests.temporary("jwt-secret")
        let cygnid = try await CygnidOnAWS(region: region, endpoint: endpoint, store: store, secretPath: secretPath, replica: "deployer")
        let secret = try SigningSecret.readOrCreate(at: secretPath).secret
        let now = Date()
        let token = try await TokenIssuer(secret: secret).sign(
            TokenClaims(subject: "dana", role: .deployer, issuedAt: now, expiresAt: now.addingTimeInterval(3_600)))
        let (home, environment) = try Self.cxHome(token: token)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let url = "http://127.0.0.1:\(cygnid.port)"
        let definitionsBefore = try await Self.revisions(fixture)

        let dry = try await CxProgram.runAside(
            ["deploy", fixture.serviceKey, "--image", "registry.example.com/checkout:2.0.0", "--strategy", "blueGreen", "--dry-run", "--control-plane", url],
            environment: environment)
        #expect(dry.status == 0, "\(dry.output)")
        #expect(dry.output.contains("\(fixture.serviceKey) (\(fixture.cluster), \(region)): 1.4.2 → 2.0.0, blueGreen"), "\(dry.output)")
        #expect(dry.output.contains("cost: running 4 × 0.25 vCPU / 0.5 GB $"), "the running task definition's size and count: \(dry.output)")
        #expect(dry.output.contains("prices: "), "\(dry.output)")
        #expect(try await Self.revisions(fixture) == definitionsBefore, "the dry run registered a task definition")

        let deployed = try await CxProgram.runAside(
            ["deploy", fixture.serviceKey, "--image", "registry.example.com/checkout:2.0.0", "--strategy", "blueGreen", "--bake", "10m", "--yes",
             "--control-plane", url],
            environment: environment)
        #expect(deployed.status == 0, "\(deployed.output)\n\(cygnid.output)")
        #expect(deployed.output.contains("deploying \(fixture.serviceKey) 1.4.2 → 2.0.0: rollout"), "\(deployed.output)")
        #expect(try await EngineProcessTests.waitFor(30) { try await fixture.weights() == [0, 100] }, "green never took the traffic:\n\(cygnid.output)")

        let tmux = try Tmux(
            command: "\(Binary.path) --control-plane \(url)", width: 160, height: 48,
            environment: ["CYGNI_TOKEN": token, "XDG_CONFIG_HOME": home])
        func row(_ screen: String) -> String {
            screen.split(separator: "\n").first { $0.hasPrefix("│\(fixture.service) ") }.map(String.init) ?? ""
        }
        let following = await tmux.waitUntil(timeout: 30) { row($0).contains("0/100") }
        #expect(following.ok, "the console does not follow the deploy:\n\(following.screen)")
        try tmux.send("R")
        #expect(await tmux.waitUntil { $0.contains("Confirm rollback") }.ok)
        try tmux.send("y")
        #expect(try await EngineProcessTests.waitFor(30) { try await fixture.weights() == [100, 0] }, "the listener is not back at 100/0")
        let shown = await tmux.waitUntil(timeout: 30) { row($0).contains("100/0") && row($0).contains("rolledBack") }
        #expect(shown.ok, "the rollback did not reach the console:\n\(shown.screen)")
        try tmux.send("q")
        #expect(await cygnid.terminate() == 0)
    }

    /// On a service ECS deploys itself (CANARY, a PAUSE hook before each shift), `cx deploy`
    /// through cygnid starts ECS's own deployment: UpdateService to a new revision carrying the
    /// image, the deployment's target that revision, no task set made.
    @Test func cxDeployOnAServiceECSDeploysStartsECSsDeployment() async throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let region = "eu-central-2"
        let fixture = try await ServiceDeploymentFixture.canary(region: region, percent: 10, hooks: [ServiceDeploymentFixture.pauseBeforeShifts()])
        let key = "\(fixture.cluster)/\(fixture.service)"
        let store = "sqlite:" + EngineProcessTests.temporary("cygnid-ecs-deploy") + ".sqlite"
        let secretPath = EngineProcessTests.temporary("jwt-secret")
        let cygnid = try await CygnidOnAWS(region: region, endpoint: try await Self.proxy.endpoint(), store: store, secretPath: secretPath, replica: "deployer")
        let secret = try SigningSecret.readOrCreate(at: secretPath).secret
        let now = Date()
        let token = try await TokenIssuer(secret: secret).sign(TokenClaims(subject: "dana", role: .deployer, issuedAt: now, expiresAt: now.addingTimeInterval(3_600)))
        let (home, environment) = try Self.cxHome(token: token)
        defer { try? FileManager.default.removeItem(atPath: home) }

        let deployed = try await CxProgram.runAside(
            ["deploy", key, "--image", "registry.example.com:5000/checkout:2.0.0", "--yes", "--control-plane", "http://127.0.0.1:\(cygnid.port)"],
            environment: environment)
        #expect(deployed.status == 0, "\(deployed.output)\n\(cygnid.output)")
        #expect(deployed.output.contains("deploying \(key) 1.4.2 → 2.0.0: rollout"), "\(deployed.output)")
        let ecs = ECSClient(fixture.client)
        let started = try await EngineProcessTests.waitFor(30) {
            try await ecs.listServiceDeployments(cluster: fixture.cluster, service: fixture.service, statuses: ["PENDING", "IN_PROGRESS"]).count == 1
        }
        #expect(started, "ECS never started a deployment:\n\(cygnid.output)")
        let service = try #require(try await ecs.describeServices(cluster: fixture.cluster, services: [fixture.service]).first)
        let definition = try await ecs.describeTaskDefinition(service.taskDefinition)
        #expect(definition.containers.first?.image == "registry.example.com:5000/checkout:2.0.0", "UpdateService named the new revision")
        let deployment = try await fixture.deployment()
        let targetRevision = try #require(deployment.targetRevision?.arn)
        let target = try #require(try await ecs.describeServiceRevisions([targetRevision]).first)
        #expect(target.taskDefinition == service.taskDefinition)
        #expect(service.taskSets.isEmpty, "no task set was made")
        #expect(await cygnid.terminate() == 0)
    }

    /// A home of cx's own (config and state) and the environment that names it and the token.
    static func cxHome(token: String) throws -> (home: String, environment: [String: String]) {
        let home = EngineProcessTests.temporary("cx-home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["CYGNI_TOKEN"] = token
        environment["XDG_CONFIG_HOME"] = home
        environment["XDG_STATE_HOME"] = home
        return (home, environment)
    }

    /// The revisions of the fixture's task definition family.
    static func revisions(_ fixture: EngineServiceFixture) async throws -> [String] {
        let answer = try await ECSClient(fixture.client).call("ListTaskDefinitions", ["familyPrefix": .string(fixture.service)])
        return answer["taskDefinitionArns"]?.strings ?? []
    }
}
