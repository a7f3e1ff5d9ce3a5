import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Operator commands")
struct CommandTests {
    @Test("a rollback puts stable at 100 at once, then drains to rolledBack, with actor and reason")
    func rollback() async throws {
        let world = makeWorld(.canaryPass, seed: 3)
        await world.advance(to: 400)
        let before = try #require(await star(world))
        #expect(before.isActive)
        #expect(before.traffic.canary > 0)

        let outcome = await world.perform(command(.rollback, before, key: "k1", reason: "p99 looks odd"))
        #expect(outcome.accepted)
        #expect(!outcome.duplicate)
        let rollingBack = try #require(await star(world))
        #expect(rollingBack.traffic == .allStable)
        // The engine's rollback ends as soon as the canary fleet is gone: nothing left to drain.
        #expect([.rollingBack, .rolledBack].contains(rollingBack.phase))
        let action = try #require(rollingBack.events.last { $0.kind == .operatorAction })
        #expect(action.actor.contains("alice"))
        #expect(rollingBack.reason?.contains("alice") == true)
        #expect(rollingBack.reason?.contains("p99 looks odd") == true || action.message.contains("p99 looks odd"))

        await world.advance(to: 460)
        let done = try #require(await star(world))
        #expect(done.phase == .rolledBack)
        #expect(done.traffic == .allStable)
        #expect(done.sides[1].totalTasks == 0)
    }

    @Test("a repeated idempotency key does nothing and says duplicate")
    func idempotent() async throws {
        let world = makeWorld(.canaryPass, seed: 3)
        await world.advance(to: 200)
        let rollout = try #require(await star(world))
        let first = await world.perform(command(.pause, rollout, key: "same"))
        #expect(first.accepted)
        let paused = try #require(await star(world))
        #expect(paused.phase == .paused)

        let again = await world.perform(command(.pause, rollout, key: "same"))
        #expect(again.duplicate)
        #expect(again.accepted == first.accepted)
        #expect(try #require(await star(world)) == paused)

        // A different key is a new command, but pausing a paused rollout changes nothing.
        let other = await world.perform(command(.pause, rollout, key: "other"))
        #expect(!other.duplicate)
        #expect(try #require(await star(world)).phase == .paused)
    }

    @Test("pause stops the clock of the bake; resume goes back to where it was")
    func pauseResume() async throws {
        let world = makeWorld(.canaryPass, seed: 11)
        await world.advance(to: 120)
        let baking = try #require(await star(world))
        #expect(baking.phase == .baking)
        _ = await world.perform(command(.pause, baking, key: "p"))
        await world.advance(to: 900)
        let paused = try #require(await star(world))
        #expect(paused.phase == .paused)
        #expect(paused.step == 0)

        let resumed = await world.perform(command(.resume, paused, key: "r"))
        #expect(resumed.accepted)
        #expect(try #require(await star(world)).phase == .baking)
        let notPaused = await world.perform(command(.resume, paused, key: "r2"))
        #expect(!notPaused.accepted)
    }

    @Test("promote skips the remaining steps and succeeds")
    func promote() async throws {
        let world = makeWorld(.canaryPass, seed: 4)
        await world.advance(to: 150)
        let rollout = try #require(await star(world))
        let outcome = await world.perform(command(.promote, rollout, key: "go"))
        #expect(outcome.accepted)
        // Promote skips the steps, not the final bake at 100%.
        let ended = try #require(await runToEnd(world, limit: 900))
        #expect(ended.phase == .succeeded)
        #expect(ended.traffic == .allCanary)
    }

    @Test("abort ends in failed with stable at 100")
    func abort() async throws {
        let world = makeWorld(.blueGreen, seed: 4)
        await world.advance(to: 150)
        let rollout = try #require(await star(world))
        #expect(await world.perform(command(.abort, rollout, key: "stop")).accepted)
        #expect(try #require(await star(world)).traffic == .allStable)
        // Promote skips the steps, not the final bake at 100%.
        let ended = try #require(await runToEnd(world, limit: 900))
        #expect(ended.phase == .failed)
    }

    @Test("commands on a finished rollout are rejected with a clear message")
    func terminal() async throws {
        let world = makeWorld(.canaryFail, seed: 2)
        let ended = try #require(await runToEnd(world))
        #expect(ended.phase == .rolledBack)
        for kind in OperatorCommand.Kind.allCases {
            let outcome = await world.perform(command(kind, ended, key: "late-\(kind.rawValue)"))
            #expect(!outcome.accepted)
            #expect(outcome.message.contains("already rolledBack"))
        }
        let unknown = await world.perform(
            OperatorCommand(kind: .rollback, rolloutID: "nope", service: "nope", reason: nil, actor: "operator:bob",
                            idempotencyKey: "x"))
        #expect(!unknown.accepted)
    }
}
