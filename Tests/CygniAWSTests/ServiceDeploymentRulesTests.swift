import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// The rules that turn what ECS says of its own deployments into a rollout, one by one: the plan
/// with ECS's defaults, the phase of every status and stage, the step of a weight, and the
/// bounded memory of the stages seen.
struct ServiceDeploymentRulesTests {
    func configuration(_ json: JSONValue) -> ECSDeploymentConfiguration { ECSDeploymentConfiguration(json) }

    func shifts(_ json: JSONValue) -> [String] {
        configuration(json).productionShifts.map { "\(ECSDeploymentReport.percent($0.percent)) \($0.bakeMinutes)m" }
    }

    @Test func thePlanFollowsTheConfigurationWithECSsDefaults() {
        #expect(shifts(["strategy": "CANARY"]) == ["5% 10m", "100% 0m"])
        #expect(shifts(["strategy": "CANARY", "bakeTimeInMinutes": 15, "canaryConfiguration": ["canaryPercent": 2.5, "canaryBakeTimeInMinutes": 30]]) == ["2.5% 30m", "100% 15m"])
        #expect(shifts(["strategy": "CANARY", "canaryConfiguration": ["canaryPercent": 100]]) == ["100% 0m"])
        #expect(shifts(["strategy": "LINEAR", "bakeTimeInMinutes": 5]) == (1...9).map { "\($0 * 10)% 6m" } + ["100% 5m"])
        #expect(shifts(["strategy": "LINEAR", "linearConfiguration": ["stepPercent": 30, "stepBakeTimeInMinutes": 2]]) == ["30% 2m", "60% 2m", "90% 2m", "100% 0m"])
        let thin = shifts(["strategy": "LINEAR", "linearConfiguration": ["stepPercent": 3]])
        #expect(thin.count == 34 && thin[32] == "99% 6m" && thin.last == "100% 0m")
        #expect(shifts(["strategy": "BLUE_GREEN", "bakeTimeInMinutes": 20]) == ["100% 20m"])
    }

    func deployment(status: String, stage: String? = nil, hookStatus: String? = nil) -> ECSServiceDeployment {
        var json: [String: JSONValue] = ["serviceDeploymentArn": "arn:aws:ecs:eu-west-2:1:service-deployment/c/s/abc", "status": .string(status)]
        if let stage { json["lifecycleStage"] = .string(stage) }
        if let hookStatus { json["lifecycleHookDetails"] = [["hookId": "h", "targetType": "PAUSE", "status": .string(hookStatus)]] }
        return ECSServiceDeployment(.object(json))
    }

    @Test func everyStatusAndStageHasItsPhase() {
        let byStage: [(String, Phase)] = [
            ("RECONCILE_SERVICE", .provisioning), ("PRE_SCALE_UP", .provisioning), ("SCALE_UP", .provisioning), ("POST_SCALE_UP", .provisioning),
            ("TEST_TRAFFIC_SHIFT", .provisioning), ("POST_TEST_TRAFFIC_SHIFT", .provisioning), ("PRODUCTION_TRAFFIC_SHIFT", .shifting),
            ("POST_PRODUCTION_TRAFFIC_SHIFT", .shifting), ("BAKE_TIME", .baking), ("CLEAN_UP", .promoting),
        ]
        for (stage, phase) in byStage {
            #expect(ServiceDeploymentReading.phase(deployment(status: "IN_PROGRESS", stage: stage)) == phase, "\(stage)")
        }
        let byStatus: [(String, Phase)] = [
            ("PENDING", .pending), ("SUCCESSFUL", .succeeded), ("STOPPED", .failed), ("STOP_REQUESTED", .rollingBack),
            ("ROLLBACK_REQUESTED", .rollingBack), ("ROLLBACK_IN_PROGRESS", .rollingBack), ("ROLLBACK_SUCCESSFUL", .rolledBack), ("ROLLBACK_FAILED", .failed),
        ]
        for (status, phase) in byStatus {
            #expect(ServiceDeploymentReading.phase(deployment(status: status, stage: "BAKE_TIME")) == phase, "\(status)")
        }
        #expect(ServiceDeploymentReading.phase(deployment(status: "IN_PROGRESS", stage: "PRODUCTION_TRAFFIC_SHIFT", hookStatus: "AWAITING_ACTION")) == .paused)
        #expect(ServiceDeploymentReading.phase(deployment(status: "IN_PROGRESS", stage: "PRODUCTION_TRAFFIC_SHIFT", hookStatus: "SUCCEEDED")) == .shifting)
        #expect(ServiceDeploymentReading.phase(deployment(status: "ROLLBACK_REQUESTED", hookStatus: "AWAITING_ACTION")) == .rollingBack)
    }

    @Test func theStepIsTheFirstShiftAtOrAboveTheWeight() {
        let plan = configuration(["strategy": "LINEAR", "linearConfiguration": ["stepPercent": 25]]).productionShifts
        #expect([0, 10, 25, 26, 50, 99.9, 100].map { ServiceDeploymentReading.step(weight: $0, plan: plan) } == [0, 0, 0, 1, 1, 3, 3])
    }

    @Test func theStagesSeenAreKeptBoundedAndCountWhatWent() {
        var history = StageHistory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<(StageHistory.limit + 25) {
            var rollout = Rollout(
                id: "c/s/abc", service: "s", environment: "c", region: "eu-west-2", strategy: .linear, phase: index.isMultiple(of: 2) ? .shifting : .baking,
                fromVersion: "1", toVersion: "2", traffic: TrafficSplit(canary: index % 100), step: index, steps: [], startedAt: start,
                updatedAt: start.addingTimeInterval(Double(index) * 60))
            rollout.ecsDeployment = ECSDeploymentReport(
                arn: "arn", strategy: "LINEAR", status: "IN_PROGRESS", statusReason: nil, lifecycleStage: index.isMultiple(of: 2) ? "PRODUCTION_TRAFFIC_SHIFT" : "BAKE_TIME",
                plan: [], revisions: [.init(role: .target, arn: "r", version: "2", productionWeight: Double(index % 100), testWeight: 0, runningTasks: 1, requestedTasks: 1, pendingTasks: 0)],
                hooks: [], pauseStages: [], circuitBreaker: nil, alarms: nil, rollback: nil)
            history.observe(rollout)
            // The same read again adds nothing.
            history.observe(rollout)
        }
        #expect(history.phases.count == StageHistory.limit && history.events.count == StageHistory.limit)
        #expect(history.shownEvents.first?.message == "25 earlier ECS stage changes not kept")
        #expect(history.phases.dropLast().allSatisfy { $0.end != nil } && history.phases.last?.end == nil)
    }
}
