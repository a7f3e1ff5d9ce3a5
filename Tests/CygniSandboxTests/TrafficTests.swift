import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Traffic split")
struct TrafficTests {
    @Test("always whole percentages summing to 100, and following the step plan", arguments: [Scenario.canaryPass, .blueGreen, .sloBurn])
    func sumsTo100(scenario: Scenario) async throws {
        let world = makeWorld(scenario, seed: 8)
        var seen: Set<Int> = []
        var time = 0.0
        while time < 1_200 {
            time += 7
            await world.advance(to: time)
            for rollout in await world.rollouts() {
                #expect(rollout.traffic.stable + rollout.traffic.canary == 100)
                #expect((0...100).contains(rollout.traffic.canary))
                #expect(rollout.sides.count == 2)
            }
            let live = try #require(await star(world))
            seen.insert(live.traffic.canary)
            if !live.isActive { break }
        }
        #expect(seen.isSubset(of: [0, 5, 25, 50, 100]))
    }

    @Test("the sides show the split: the canary takes its share of requests")
    func sidesFollowWeights() async throws {
        let world = makeWorld(.canaryPass, seed: 8)
        await world.advance(to: 500)  // baking at 25%
        let rollout = try #require(await star(world))
        #expect(rollout.traffic.canary == 25)
        let stable = rollout.sides[0]
        let canary = rollout.sides[1]
        #expect(stable.role == .stable && canary.role == .canary)
        #expect(stable.version == "v1.41.2" && canary.version == "v1.42.0")
        let share = canary.requestsPerSecond / (stable.requestsPerSecond + canary.requestsPerSecond)
        #expect(share > 0.1 && share < 0.4)
        #expect(canary.p99Milliseconds > 50 && canary.p99Milliseconds < 500)
        #expect(canary.healthyTasks == canary.totalTasks)
        #expect(!stable.history.isEmpty)
    }
}
