import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

extension AWSControlPlane {
    /// One try, as the tests of single commands want it.
    func perform(_ command: OperatorCommand) async throws -> CommandOutcome {
        try await perform(command, retry: .once, failed: { _ in })
    }
}

/// The console's control plane on AWS, against moto: a canary read from ECS task sets and ALB
/// weights, and the operator's commands carried out there.
struct AWSControlPlaneTests {
    func controlPlane(_ fixture: RolloutFixture, audit: Locked<[AuditEntry]>? = nil) -> AWSControlPlane {
        AWSControlPlane(
            client: fixture.client, inventory: ServiceInventory(client: fixture.client, clusters: [fixture.cluster]),
            audit: audit.map { entries in AuditWriter { new in entries.withLock { $0 += new } } }
        )
    }

    func command(_ kind: OperatorCommand.Kind, _ fixture: RolloutFixture, key: String = UUID().uuidString) -> OperatorCommand {
        OperatorCommand(kind: kind, rolloutID: fixture.rolloutID, service: fixture.service, reason: "test", actor: "operator:ana", idempotencyKey: key)
    }

    @Test func aCanaryIsReadWithItsVersionsAndWeights() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let rollouts = try await controlPlane(fixture).rollouts()
        let rollout = try #require(rollouts.first)
        #expect(rollouts.count == 1)
        #expect(rollout.id == fixture.rolloutID)
        #expect(rollout.service == fixture.service && rollout.environment == fixture.cluster && rollout.region == "eu-west-3")
        #expect(rollout.strategy == .canary && rollout.phase == .shifting)
        #expect(rollout.traffic == TrafficSplit(canary: 10))
        #expect((rollout.fromVersion, rollout.toVersion) == ("1.4.2", "1.5.0"))
        #expect(rollout.reason == nil)

        let watched = try #require(try await ServiceInventory(client: fixture.client, clusters: [fixture.cluster]).watched().first)
        #expect(watched.logGroups == [fixture.logGroup])
        #expect(watched.targets.map(\.targetGroupARN) == [fixture.balancer.blue, fixture.balancer.green])
        #expect(watched.targets.first?.targetGroupDimension.hasPrefix("targetgroup/blue-") == true)
        #expect(watched.targets.first?.loadBalancerDimension?.hasPrefix("app/alb-") == true)
    }

    @Test func eachSideHasItsALBMetricsAndABadCanaryFailsTheJudge() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let balancer = try #require(try await fixture.balancer.elb.describeTargetGroups(arns: [fixture.balancer.blue]).first?.loadBalancerARNs.first)
        let cloudWatch = CloudWatchClient(fixture.client)
        let minute = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        // Twenty minutes: stable 600 requests a minute with one 5xx in every other minute, the
        // canary 60 with 6 (10%). The current minute is written too, so the last five minutes
        // are full even if the minute turns while the test runs.
        let minutes = (0...20).map { minute.addingTimeInterval(-Double($0) * 60) }
        for (group, requests, errors) in [(fixture.balancer.blue, 600.0, { (k: Int) in Double(k % 2) }), (fixture.balancer.green, 60.0, { (_: Int) in 6.0 })] {
            let dimensions = MetricTarget(targetGroupARN: group, loadBalancerARN: balancer).dimensions
            try await cloudWatch.putMetricData(namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: dimensions, points: minutes.map { ($0, requests) })
            try await cloudWatch.putMetricData(
                namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: dimensions,
                points: minutes.enumerated().map { ($0.element, errors($0.offset)) })
        }

        let rollout = try #require(try await controlPlane(fixture).rollouts().first)
        let stable = try #require(rollout.sides.first { $0.role == .stable })
        let canary = try #require(rollout.sides.first { $0.role == .canary })
        #expect(abs(stable.requestsPerSecond - 10) < 0.01 && abs(canary.requestsPerSecond - 1) < 0.01)
        #expect(abs(canary.errorRate - 0.1) < 0.001 && stable.errorRate < 0.002)
        #expect(stable.version == "1.4.2" && canary.version == "1.5.0")
        #expect(stable.history.count == 30 && !stable.p99Milliseconds.isFinite)
        #expect(rollout.verdict == .fail, "\(rollout.reason ?? "")")
        #expect(rollout.reason?.isEmpty == false)
    }

    @Test func rollbackPutsAllTrafficOnStableAndEndsTheRollout() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let audit = Locked<[AuditEntry]>([])
        let plane = controlPlane(fixture, audit: audit)
        _ = try await plane.rollouts()

        let rollback = command(.rollback, fixture, key: "press-1")
        let outcome = try await plane.perform(rollback)
        #expect(outcome.accepted && !outcome.duplicate, "\(outcome.message)")
        #expect(try await fixture.listenerWeights() == [100, 0])
        let taskSets = try await ECSClient(fixture.client).describeTaskSets(cluster: fixture.cluster, service: fixture.service)
        #expect(taskSets.map(\.id) == [fixture.stable.id])

        let ended = try #require(try await plane.rollouts().first)
        #expect(ended.phase == .rolledBack && ended.traffic == .allStable)
        #expect(ended.events.contains { $0.kind == .operatorAction && $0.actor == "operator:ana" })

        // The same press again: the first answer, marked duplicate, and nothing done twice.
        let again = try await plane.perform(rollback)
        #expect(again.accepted && again.duplicate)
        let entries = audit.withLock { $0 }
        #expect(entries.count == 1)
        #expect(entries.first.map { ($0.action, $0.fromCanaryPercent, $0.toCanaryPercent, $0.toPhase) } ?? ("", -1, -1, .pending) == ("rollback", 10, 0, .rolledBack))
    }

    /// The second press arrives while the first is still describing the service (held back by
    /// the transport): it must wait for the first and answer as a duplicate, and the listener
    /// must be written once.
    @Test func aPressArrivingWhileTheFirstRunsWaitsForIt() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let describes = Locked(0)
        let listenerWrites = Locked(0)
        let slow = HTTPTransport { request, options in
            if request.header("X-Amz-Target")?.hasSuffix(".DescribeServices") == true, describes.withLock({ $0 += 1; return $0 }) == 1 {
                try await Task.sleep(for: .milliseconds(500))
            }
            if String(decoding: request.body, as: UTF8.self).contains("Action=ModifyListener") { listenerWrites.withLock { $0 += 1 } }
            return try await HTTPTransport.curl.send(request, options)
        }
        let client = AWSClient(configuration: fixture.client.configuration, transport: slow, retryPolicy: .immediate)
        let audit = Locked<[AuditEntry]>([])
        let plane = AWSControlPlane(
            client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]),
            audit: AuditWriter { new in audit.withLock { $0 += new } }
        )
        let press = command(.rollback, fixture, key: "double-press")
        let first = Task { try await plane.perform(press) }
        try await Task.sleep(for: .milliseconds(150))
        let second = try await plane.perform(press)
        let firstOutcome = try await first.value
        #expect(firstOutcome.accepted && !firstOutcome.duplicate, "\(firstOutcome.message)")
        #expect(second.accepted && second.duplicate)
        #expect(listenerWrites.withLock { $0 } == 1)
        #expect(audit.withLock { $0.count } == 1)
    }

    /// Two listeners split the traffic; the second refuses the write. The first must get its old
    /// weights back: traffic is never left half moved.
    @Test func aFailedListenerWriteRestoresTheOnesAlreadyWritten() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        var second = QueryParameters()
        second["LoadBalancerArn"] = fixture.balancer.loadBalancer
        second["Protocol"] = "HTTP"
        second["Port"] = "8080"
        ListenerAction(forward: [.init(targetGroupARN: fixture.balancer.blue, weight: 90), .init(targetGroupARN: fixture.balancer.green, weight: 10)])
            .encode(into: &second, prefix: "DefaultActions.member.1")
        _ = try await fixture.balancer.elb.call("CreateListener", second, idempotent: false)

        let writes = Locked(0)
        let refusing = HTTPTransport { request, options in
            if String(decoding: request.body, as: UTF8.self).contains("Action=ModifyListener"), writes.withLock({ $0 += 1; return $0 }) == 2 {
                return HTTPResponse(status: 400, body: Data("<ErrorResponse><Error><Code>ValidationError</Code><Message>refused</Message></Error></ErrorResponse>".utf8))
            }
            return try await HTTPTransport.curl.send(request, options)
        }
        let client = AWSClient(configuration: fixture.client.configuration, transport: refusing, retryPolicy: .immediate)
        let traffic = TrafficSites(client: client)
        let sites = try await traffic.sites(loadBalancerARN: fixture.balancer.loadBalancer, forwardingTo: (fixture.balancer.blue, fixture.balancer.green))
        #expect(sites.count == 2)
        await #expect(throws: AWSError.self) {
            try await traffic.apply([fixture.balancer.blue: 100, fixture.balancer.green: 0], to: sites)
        }
        let listeners = try await fixture.balancer.elb.describeListeners(loadBalancerARN: fixture.balancer.loadBalancer)
        #expect(listeners.map { $0.weightedForward?.targetGroups.map(\.weight) ?? [] } == [[90, 10], [90, 10]])
        #expect(writes.withLock { $0 } == 3)
    }

    @Test func aFailedCommandIsJournaledAsRefused() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let audit = Locked<[AuditEntry]>([])
        let plane = controlPlane(fixture, audit: audit)
        var stray = command(.rollback, fixture)
        stray.rolloutID = "\(fixture.cluster)/\(uniqueName("gone"))/ecs-svc/1"
        await #expect(throws: (any Error).self) { try await plane.perform(stray) }
        let entry = try #require(audit.withLock { $0.first })
        #expect(!entry.accepted && entry.reason?.hasPrefix("test; failed: service") == true, "\(entry.reason ?? "")")
    }

    @Test func promoteMakesTheCanaryPrimary() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: 50)
        let plane = controlPlane(fixture)
        #expect(try await plane.rollouts().first?.traffic == TrafficSplit(canary: 50))
        let outcome = try await plane.perform(command(.promote, fixture))
        #expect(outcome.accepted, "\(outcome.message)")
        #expect(try await fixture.listenerWeights() == [0, 100])
        let taskSets = try await ECSClient(fixture.client).describeTaskSets(cluster: fixture.cluster, service: fixture.service)
        #expect(taskSets.map { "\($0.id) \($0.status)" } == ["\(fixture.canary.id) PRIMARY"])
        let ended = try #require(try await plane.rollouts().first)
        #expect(ended.phase == .succeeded && ended.traffic == .allCanary)
    }

    @Test func pauseIsRefusedAndNothingMoves() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let plane = controlPlane(fixture)
        _ = try await plane.rollouts()
        let outcome = try await plane.perform(command(.pause, fixture))
        #expect(!outcome.accepted)
        #expect(outcome.message.contains("engine"))
        #expect(try await fixture.listenerWeights() == [90, 10])
        #expect(try await plane.rollouts().first?.events.last?.message.hasPrefix("pause refused") == true)
    }

    @Test func aServiceWithoutASecondSideIsNotARollout() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        _ = try await ECSClient(fixture.client).deleteTaskSet(cluster: fixture.cluster, service: fixture.service, taskSet: fixture.canary.arn)
        #expect(try await controlPlane(fixture).rollouts().isEmpty)
    }

    @Test func theJudgeWaitsForDataOnBothSides() {
        let quiet = SideMetrics.Series(requests: Array(repeating: 0, count: 30), errors: Array(repeating: 0, count: 30), p99Milliseconds: [])
        let busy = SideMetrics.Series(requests: Array(repeating: 100, count: 30), errors: (0..<30).map { Double($0 % 3) }, p99Milliseconds: [])
        #expect(SideMetrics.judgement(stable: busy, canary: quiet, at: Date()) == nil)
        let same = SideMetrics.judgement(stable: busy, canary: busy, at: Date())
        #expect(same?.verdict == .pass)
        #expect(same?.metrics.map(\.name) == ["error_rate"])
    }

    @Test func aCanaryCostsItsTasksOnTopOfTheStableFleet() throws {
        let definition = ECSTaskDefinition(JSONValue.object([
            "taskDefinitionArn": "arn:aws:ecs:eu-west-1:1:task-definition/checkout:9", "family": "checkout", "revision": 9,
            "cpu": "512", "memory": "1024", "runtimePlatform": ["cpuArchitecture": "ARM64"],
        ]))
        let started = Date(timeIntervalSince1970: 1_795_680_000)
        let overlap = RolloutOverlapCost(service: "checkout", taskDefinition: definition.arn, extraTasks: 2, since: started)
        let delta = try #require(overlap.delta(definition, now: started.addingTimeInterval(3 * 3600)))
        // Two ARM tasks of 0.5 vCPU and 1 GB: 2 x (0.5 x 0.03238 + 1 x 0.00356) = $0.03950 an hour.
        #expect(abs(delta.perHour - 0.0395) < 1e-9)
        #expect(abs(delta.soFar - 0.1185) < 1e-9)
        #expect(delta.extraTasks == 2 && delta.service == "checkout")
        let noSize = ECSTaskDefinition(JSONValue.object(["taskDefinitionArn": "arn:x", "family": "x", "revision": 1]))
        #expect(overlap.delta(noSize, now: started) == nil)
    }

    @Test func versionLabelsComeFromImageTags() {
        #expect(VersionLabel.tag(of: "registry.example.com:5000/checkout:1.5.0") == "1.5.0")
        #expect(VersionLabel.tag(of: "registry.example.com:5000/checkout") == nil)
        #expect(VersionLabel.tag(of: "nginx@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f9") == "sha256:0a1b2c3d")
        #expect(VersionLabel.of(taskDefinitionARN: "arn:aws:ecs:eu-west-1:1:task-definition/web:42") == "web:42")
    }

    @Test func aRollingDeploymentReadsAsRolling() throws {
        let service = ECSService(JSONValue.object([
            "serviceName": "api", "status": "ACTIVE", "deploymentController": ["type": "ECS"],
            "deployments": [
                ["id": "ecs-svc/2", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:r:1:task-definition/api:8", "runningCount": 3, "rolloutState": "IN_PROGRESS"],
                ["id": "ecs-svc/1", "status": "ACTIVE", "taskDefinition": "arn:aws:ecs:r:1:task-definition/api:7", "runningCount": 1],
            ],
        ]))
        let rollout = try #require(RolloutReading.deploymentRollout(ObservedService(cluster: "prod", service: service), region: "r", now: Date()))
        #expect(rollout.id == "prod/api/ecs-svc/2")
        #expect(rollout.strategy == .rolling && rollout.phase == .shifting)
        #expect((rollout.fromVersion, rollout.toVersion, rollout.traffic.canary) == ("api:7", "api:8", 75))
    }
}
