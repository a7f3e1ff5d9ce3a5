import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("Plans and step plans")
struct PlanTests {
    func plan(_ strategy: StrategyPlan, desired: Int = 10) -> RolloutPlan {
        RolloutPlan(id: "r1", service: "checkout", fromVersion: "v1", toVersion: "v2", strategy: strategy, fleet: FleetSpec(desiredCount: desired))
    }

    @Test func canaryStepsSizeTheCanaryFleetToItsShare() {
        let steps = plan(.canary(CanaryParameters(steps: [5, 25, 50, 100], bake: 300))).steps
        #expect(steps.map(\.canaryWeight) == [5, 25, 50, 100])
        #expect(steps.map(\.canaryTasks) == [1, 3, 5, 10])
        #expect(steps.dropLast().allSatisfy { $0.analyze && $0.bake == 300 })
    }

    @Test func presetsMatchAWS() {
        #expect(CanaryPreset.canary10Percent5Minutes.parameters == CanaryParameters(steps: [10, 100], bake: 300))
        #expect(CanaryPreset.canary10Percent15Minutes.parameters.bake == 900)
        #expect(CanaryPreset.linear10PercentEvery1Minutes.parameters.steps == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(CanaryPreset.linear10PercentEvery3Minutes.parameters.bake == 180)
        #expect(CanaryPreset.allAtOnce.parameters.steps == [100])
        #expect(CanaryPreset(rawValue: "Canary10Percent5Minutes") == .canary10Percent5Minutes)
        for preset in CanaryPreset.allCases {
            #expect(throws: Never.self) { try plan(.canary(CanaryParameters(preset: preset))).validate() }
        }
    }

    @Test func blueGreenKeepsBothFleetsAtFullSize() {
        let steps = plan(.blueGreen(BlueGreenParameters(trafficSwitch: .linear(stepPercent: 25, interval: 60)))).steps
        #expect(steps.map(\.canaryWeight) == [25, 50, 75, 100])
        #expect(steps.allSatisfy { $0.canaryTasks == 10 && $0.stableTasks == 10 })
    }

    @Test func rollingReplacesInBatches() {
        let steps = plan(.rolling(RollingParameters(minimumHealthyPercent: 50, maximumPercent: 100))).steps
        #expect(steps.map(\.canaryTasks) == [5, 10])
        #expect(steps.map(\.stableTasks) == [5, 0])
        #expect(steps.last?.canaryWeight == 100)
    }

    @Test func recreateStopsTheOldFleet() {
        #expect(plan(.recreate).steps == [PlanStep(canaryWeight: 100, canaryTasks: 10, stableTasks: 0, bake: 0, analyze: false)])
    }

    @Test(arguments: [(1, 3), (4, 3), (6, 3), (7, 4), (10, 5), (399, 200), (1_000, 200)])
    func circuitBreakerThreshold(desired: Int, threshold: Int) {
        #expect(RollingParameters.circuitBreakerThreshold(desiredCount: desired) == threshold)
    }

    @Test func invalidParametersAreNamed() {
        func problem(_ plan: RolloutPlan) -> String? {
            do { try plan.validate(); return nil } catch { return error.description }
        }
        #expect(problem(plan(.canary(CanaryParameters(steps: [5, 50])))) == "canary.steps: must end at 100, ends at 50")
        #expect(problem(plan(.canary(CanaryParameters(steps: [50, 25, 100])))) == "canary.steps: weights must increase, got [50, 25, 100]")
        #expect(problem(plan(.linear(LinearParameters(stepPercent: 2)))) == "linear.stepPercent: must be 3-100, got 2")
        #expect(problem(plan(.rolling(RollingParameters(maximumPercent: 250)))) == "rolling.maximumPercent: must be 100-200, got 250")
        #expect(problem(plan(.recreate, desired: 0)) == "fleet.desiredCount: must be 1-5000, got 0")
        var same = plan(.recreate)
        same.toVersion = "v1"
        #expect(problem(same) == "toVersion: is the version already running (v1)")
        var slo = plan(.recreate)
        slo.slos = [SLOPolicy(name: "latency", kind: .latency, objective: 0.99)]
        #expect(problem(slo) == "slos[0].latencyThresholdMilliseconds: a latency SLO needs a positive threshold")
        #expect(throws: PlanError.self) { try RolloutEngine.start(plan: plan(.canary(CanaryParameters(steps: []))), at: Date()) }
    }
}
