import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Timeline")
struct TimelineTests {
    @Test("events are in time order and phases follow one another without gaps", arguments: Scenario.allCases)
    func ordered(scenario: Scenario) async {
        let world = makeWorld(scenario, seed: 31)
        await runToEnd(world)
        for rollout in await world.rollouts() {
            #expect(zip(rollout.events, rollout.events.dropFirst()).allSatisfy { $0.time <= $1.time })
            #expect(zip(rollout.phases, rollout.phases.dropFirst()).allSatisfy { $0.end == $1.start })
            #expect(rollout.phases.last?.phase == rollout.phase)
            #expect(rollout.phases.last?.end == nil)
            #expect(rollout.phases.first?.start == rollout.startedAt)
            #expect(rollout.events.contains { $0.kind == .healthGate })
        }
    }

    @Test("the star rollout names the service, region and versions of the release")
    func identity() async throws {
        let world = makeWorld(.canaryPass)
        let rollout = try #require(await star(world))
        #expect(rollout.service == "checkout")
        #expect(rollout.environment == "production")
        #expect(rollout.region == "eu-west-1")
        #expect(rollout.fromVersion == "v1.41.2" && rollout.toVersion == "v1.42.0")
        #expect(rollout.phase == .pending)
        #expect(rollout.traffic == .allStable)
        // Five minutes of warm-up traffic: the first frame already has rates.
        #expect(rollout.sides[0].requestsPerSecond > 10)
        #expect(rollout.sides[0].p99Milliseconds > 0)
    }
}
