import CygniModel
import CygniRollout
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The engine's plan for a deployment ECS runs itself: the same steps and bakes as ECS's, so
/// the engine's judgement is ready when ECS's hook asks for it, and the weight each step must
/// reach in ECS's own numbers.
struct ServiceDeploymentPlanTests {
    func strategy(_ json: JSONValue) throws -> StrategyPlan {
        try ServiceDeploymentProvider.strategy(ECSDeploymentConfiguration(json), key: "prod/checkout")
    }

    @Test func theEnginesPlanIsECSs() throws {
        #expect(try strategy(["strategy": "CANARY", "canaryConfiguration": ["canaryPercent": 10, "canaryBakeTimeInMinutes": 4]])
            == .canary(CanaryParameters(steps: [10, 100], bake: 240)))
        // ECS's defaults where the configuration is silent: 5% baking 10 minutes.
        #expect(try strategy(["strategy": "CANARY"]) == .canary(CanaryParameters(steps: [5, 100], bake: 600)))
        #expect(try strategy(["strategy": "LINEAR", "linearConfiguration": ["stepPercent": 20, "stepBakeTimeInMinutes": 3]])
            == .linear(LinearParameters(stepPercent: 20, interval: 180)))
        // A fractional step: the engine's whole percents, one step for each of ECS's.
        #expect(try strategy(["strategy": "LINEAR", "linearConfiguration": ["stepPercent": 12.5, "stepBakeTimeInMinutes": 1]])
            == .canary(CanaryParameters(steps: [13, 25, 38, 50, 63, 75, 88, 100], bake: 60)))
        #expect(try strategy(["strategy": "BLUE_GREEN", "bakeTimeInMinutes": 15]) == .blueGreen(BlueGreenParameters(bake: 900, rollbackWindow: 0)))
        #expect(throws: ProviderRefusal.self) { try strategy(["strategy": "ROLLING"]) }
    }

    @Test func eachStepWaitsForECSsOwnWeight() throws {
        let plan = RolloutPlan(
            id: "r", service: "checkout", fromVersion: "1.4.2", toVersion: "1.5.0",
            strategy: .canary(CanaryParameters(steps: [13, 25, 38, 50, 63, 75, 88, 100], bake: 60)))
        let track = ServiceDeploymentTrack(shifts: [12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100], preparedAt: Date())
        #expect(ServiceDeploymentProvider.weight(for: TrafficSplit(canary: 13), plan: plan, track: track) == 12.5)
        #expect(ServiceDeploymentProvider.weight(for: TrafficSplit(canary: 88), plan: plan, track: track) == 87.5)
        #expect(ServiceDeploymentProvider.weight(for: .allCanary, plan: plan, track: track) == 100)
    }

    @Test func aRefusalQuotesECSsPlan() {
        let configuration = ECSDeploymentConfiguration(["strategy": "CANARY", "bakeTimeInMinutes": 2, "canaryConfiguration": ["canaryPercent": 10, "canaryBakeTimeInMinutes": 4]])
        #expect(ServiceDeploymentProvider.describe(configuration) == "CANARY 10% baking 4 min, then 100% baking 2 min")
    }
}
