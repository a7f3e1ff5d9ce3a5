import Foundation
import Testing

@testable import CygniModel

struct RolloutDesignationTests {
    func rollout(_ environment: String, _ service: String, _ phase: Phase) -> Rollout {
        Rollout(
            id: "\(environment)/\(service)", service: service, environment: environment, region: "eu-west-1", strategy: .canary, phase: phase,
            fromVersion: "1", toVersion: "2", traffic: TrafficSplit(canary: 10), step: 0, steps: [], startedAt: Date(), updatedAt: Date()
        )
    }

    @Test func aServiceInTwoEnvironmentsMustBeNamedWithItsEnvironment() {
        let rollouts = [rollout("staging", "checkout", .shifting), rollout("prod", "checkout", .baking), rollout("prod", "search", .succeeded)]
        #expect(RolloutDesignation("checkout", in: rollouts) == .ambiguous(environments: ["staging", "prod"]))
        #expect(RolloutDesignation("prod/checkout", in: rollouts) == .found(rollouts[1]))
        #expect(RolloutDesignation("search", in: rollouts) == .found(rollouts[2]))
        #expect(RolloutDesignation("payments", in: rollouts) == .none)
        #expect(RolloutDesignation("dev/checkout", in: rollouts) == .none)
    }

    @Test func theActiveRolloutWinsOverAnEndedOne() {
        let rollouts = [rollout("prod", "checkout", .rolledBack), rollout("prod", "checkout", .shifting)]
        #expect(RolloutDesignation("checkout", in: rollouts) == .found(rollouts[1]))
    }
}
