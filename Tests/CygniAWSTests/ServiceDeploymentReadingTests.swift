import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Deployments ECS runs itself, read by the AWS source from ECS's service deployments on the
/// extended moto: a canary and a linear deployment through every stage, with the phase, the
/// split and the plan at each; a PAUSE hook's wait; what the Timeline keeps of the stages seen.
struct ServiceDeploymentReadingTests {
    func controlPlane(_ fixture: ServiceDeploymentFixture) -> AWSControlPlane {
        AWSControlPlane(client: fixture.client, inventory: ServiceInventory(client: fixture.client, clusters: [fixture.cluster]))
    }

    /// One read: ECS's stage, then the phase, the canary's share and the step cx makes of it.
    struct Reading: Equatable, CustomStringConvertible {
        var stage: String?
        var phase: Phase
        var canary: Int
        var step: Int

        var description: String { "\(stage ?? "-") \(phase.rawValue) \(canary)% step \(step)" }
    }

    /// Reads the rollout after every minute of the service's clock until it ends; each distinct
    /// reading once, in order.
    func walk(_ fixture: ServiceDeploymentFixture, _ plane: AWSControlPlane, check: (Rollout) throws -> Void = { _ in }) async throws -> [Reading] {
        var readings: [Reading] = []
        for _ in 0..<80 {
            let rollout = try #require(try await plane.rollouts().first { $0.service == fixture.service })
            try check(rollout)
            let reading = Reading(stage: rollout.ecsDeployment?.lifecycleStage, phase: rollout.phase, canary: rollout.traffic.canary, step: rollout.step)
            if readings.last != reading { readings.append(reading) }
            if rollout.phase.isTerminal { return readings }
            try await fixture.advance(60)
        }
        Issue.record("the deployment did not end in 80 minutes: \(readings)")
        return readings
    }

    @Test func aCanaryIsReadThroughEveryStage() async throws {
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", percent: 10, bakeMinutes: 10, finalBake: 15)
        let plane = controlPlane(fixture)
        #expect(try await plane.rollouts().isEmpty, "a service ECS has only created shows no rollout")
        try await fixture.deploy()
        let readings = try await walk(fixture, plane) { rollout in
            #expect(rollout.strategy == .canary && rollout.steps == [10, 100])
            #expect((rollout.fromVersion, rollout.toVersion) == ("1.4.2", "1.5.0"))
            #expect(rollout.ecsDeployment?.plan == [.init(percent: 10, bakeMinutes: 10), .init(percent: 100, bakeMinutes: 15)])
        }
        #expect(readings == [
            Reading(stage: "RECONCILE_SERVICE", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "PRE_SCALE_UP", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "SCALE_UP", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "POST_SCALE_UP", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "TEST_TRAFFIC_SHIFT", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "POST_TEST_TRAFFIC_SHIFT", phase: .provisioning, canary: 0, step: 0),
            Reading(stage: "PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: 10, step: 0),
            Reading(stage: "POST_PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: 10, step: 0),
            Reading(stage: "BAKE_TIME", phase: .baking, canary: 10, step: 0),
            Reading(stage: "PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: 100, step: 1),
            Reading(stage: "POST_PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: 100, step: 1),
            Reading(stage: "BAKE_TIME", phase: .baking, canary: 100, step: 1),
            Reading(stage: "CLEAN_UP", phase: .promoting, canary: 100, step: 1),
            Reading(stage: "CLEAN_UP", phase: .succeeded, canary: 100, step: 1),
        ], "\(readings)")

        let ended = try #require(try await plane.rollouts().first)
        #expect(ended.ecsDeployment?.status == "SUCCESSFUL")
        #expect(ended.phases.map(\.phase) == [.provisioning, .shifting, .baking, .shifting, .baking, .promoting, .succeeded])
        #expect(ended.phases.dropLast().allSatisfy { $0.end != nil })
        let stages = ended.events.filter { $0.actor == "ecs" && $0.kind == .phase }.map(\.message)
        #expect(stages.contains("ECS IN_PROGRESS · PRODUCTION_TRAFFIC_SHIFT · 1.5.0 at 10%"), "\(stages)")
        #expect(stages.last == "ECS SUCCESSFUL · CLEAN_UP · 1.5.0 at 100%", "\(stages)")
        // ECS moved the listener itself, from the blue group to the green one.
        #expect(try await fixture.listenerWeights() == [0, 100])
    }

    @Test func aLinearDeploymentIsReadThroughEveryStep() async throws {
        let fixture = try await ServiceDeploymentFixture.linear(region: "eu-west-2", stepPercent: 25, stepBake: 3, finalBake: 2)
        let plane = controlPlane(fixture)
        try await fixture.deploy()
        let readings = try await walk(fixture, plane) { rollout in
            #expect(rollout.strategy == .linear && rollout.steps == [25, 50, 75, 100])
            #expect(rollout.ecsDeployment?.plan.map(\.bakeMinutes) == [3, 3, 3, 2])
        }
        let shifts = readings.filter { $0.phase == .shifting || $0.phase == .baking }
        var expected: [Reading] = []
        for (step, percent) in [25, 50, 75, 100].enumerated() {
            expected += [
                Reading(stage: "PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: percent, step: step),
                Reading(stage: "POST_PRODUCTION_TRAFFIC_SHIFT", phase: .shifting, canary: percent, step: step),
                Reading(stage: "BAKE_TIME", phase: .baking, canary: percent, step: step),
            ]
        }
        #expect(shifts == expected, "\(readings)")
        #expect(readings.first?.phase == .provisioning && readings.last?.phase == .succeeded, "\(readings)")
    }

    @Test func aPauseHookReadsAsPausedWithItsExpiry() async throws {
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", percent: 5, hooks: [ServiceDeploymentFixture.pauseBeforeShifts(minutes: 30)])
        let plane = controlPlane(fixture)
        try await fixture.deploy()
        try await fixture.advance(6 * 60)
        let paused = try #require(try await plane.rollouts().first)
        #expect(paused.phase == .paused && paused.traffic == .allStable && paused.step == 0)
        let report = try #require(paused.ecsDeployment)
        #expect(report.lifecycleStage == "PRODUCTION_TRAFFIC_SHIFT" && report.pauseStages == ["PRE_PRODUCTION_TRAFFIC_SHIFT"])
        let hook = try #require(report.waitingHook)
        #expect(hook.timeoutAction == "ROLLBACK")
        #expect(hook.expiresAt == paused.updatedAt.addingTimeInterval(30 * 60))
        #expect(paused.reason?.contains("held by a PAUSE lifecycle hook at PRODUCTION_TRAFFIC_SHIFT") == true, "\(paused.reason ?? "")")

        // Left alone past its expiry, the hook's timeout action rolls the deployment back.
        try await fixture.advance(30 * 60)
        let timedOut = try #require(try await plane.rollouts().first)
        #expect(timedOut.phase == .rollingBack)
        #expect(timedOut.reason?.contains("timed out") == true, "\(timedOut.reason ?? "")")
        #expect(timedOut.ecsDeployment?.hooks.first?.status == "TIMED_OUT")
    }

    @Test func alarmsAndTheCircuitBreakerAreShownAndATriggeredAlarmFails() async throws {
        let alarm = uniqueName("checkout-5xx")
        let fixture = try await ServiceDeploymentFixture.make(region: "eu-west-2", configuration: [
            "strategy": "CANARY", "bakeTimeInMinutes": 5, "canaryConfiguration": ["canaryPercent": 20],
            "alarms": ["alarmNames": [.string(alarm)], "enable": true, "rollback": true],
            "deploymentCircuitBreaker": ["enable": true, "rollback": true],
        ])
        let cloudWatch = CloudWatchClient(fixture.client)
        _ = try await cloudWatch.call("PutMetricAlarm", [
            "AlarmName": .string(alarm), "Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_Target_5XX_Count", "Statistic": "Sum",
            "Period": 60, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold",
        ], idempotent: false)
        let plane = controlPlane(fixture)
        try await fixture.deploy()
        try await fixture.advance(7 * 60)
        let watching = try #require(try await plane.rollouts().first?.ecsDeployment)
        #expect(watching.alarms == ECSDeploymentReport.Monitor(status: "MONITORING", alarmNames: [alarm]))
        #expect(watching.circuitBreaker == ECSDeploymentReport.Monitor(status: "MONITORING", failureCount: 0, threshold: 3))

        _ = try await cloudWatch.call("SetAlarmState", ["AlarmName": .string(alarm), "StateValue": "ALARM", "StateReason": "5xx on the canary"], idempotent: false)
        let failed = try #require(try await plane.rollouts().first)
        #expect(failed.phase == .rollingBack && failed.verdict == .fail)
        #expect(failed.ecsDeployment?.alarms?.triggeredAlarmNames == [alarm])
        #expect(failed.reason == "CloudWatch alarm \(alarm) is in ALARM")
    }
}
