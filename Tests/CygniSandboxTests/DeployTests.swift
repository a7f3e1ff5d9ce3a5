import CygniModel
import CygniRollout
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Deploys started in the sandbox")
struct DeployTests {
    private func order(_ service: String = "checkout", version: String = "v1.43.0", id: String = "checkout-1", steps: [Int] = [25, 100]) -> SandboxDeploy {
        SandboxDeploy(
            id: id, environment: "production", service: service, toVersion: version,
            strategy: .canary(CanaryParameters(steps: steps, bake: 300)), analysis: SandboxDeploy.defaultAnalysis, actor: "dana")
    }

    /// The deploy's rollout, advanced a minute at a time until it ends.
    private func deployed(seed: UInt64, scenario: Scenario = .steady, at start: Double = 600) async throws -> Rollout {
        let world = makeWorld(scenario, seed: seed)
        await world.advance(to: start)
        let started = try await world.deploy(order()).get()
        #expect(started.phase == .pending && started.fromVersion == "v1.41.2" && started.toVersion == "v1.43.0")
        var time = start
        var rollout = started
        while rollout.isActive, time < start + 2_400 {
            time += 60
            await world.advance(to: time)
            rollout = try #require(await world.rollouts().first { $0.id == "checkout-1" })
        }
        return rollout
    }

    @Test("a healthy deploy runs its steps and promotes, the same for the same seed")
    func healthyDeployPromotes() async throws {
        let first = try await deployed(seed: 7)
        #expect(first.phase == .succeeded, "\(first.phase) \(first.reason ?? "")")
        #expect(first.steps == [25, 100])
        let second = try await deployed(seed: 7)
        #expect(first == second, "same seed, same deploy at the same time: the same rollout")
    }

    @Test("on canary-fail a deploy of checkout fails as the scenario's release does")
    func scenarioFlawApplies() async throws {
        let world = makeWorld(.canaryFail, seed: 5)
        _ = try #require(await runToEnd(world))
        let started = try await world.deploy(order(version: "v1.42.1")).get()
        #expect(started.fromVersion == "v1.41.2", "the rolled-back release left v1.41.2 serving")
        var rollout = started
        var time = await world.elapsedSeconds
        while rollout.isActive, time < 4_000 {
            time += 60
            await world.advance(to: time)
            rollout = try #require(await world.rollouts().first { $0.id == started.id })
        }
        #expect(rollout.phase == .rolledBack, "\(rollout.phase)")
    }

    @Test("a deploy names what it refuses: unknown service, busy world, the version already running")
    func refusals() async throws {
        let world = makeWorld(.canaryPass)
        await world.advance(to: 60)
        #expect(await world.plan(order("billing")).failure?.message.contains("no service production/billing in this sandbox") == true)
        var elsewhere = order()
        elsewhere.environment = "prod"
        #expect(await world.plan(elsewhere).failure == .unknownService("no cluster prod in this sandbox; its services run in production"))
        #expect(await world.plan(order()).failure?.message.contains("production/checkout is already rolling out") == true)
        #expect(await world.plan(order("payments")).failure?.message.contains("the sandbox drives one rollout at a time") == true)
        let steady = makeWorld(.steady)
        #expect(await steady.plan(order(version: "v1.41.2")).failure?.message.contains("is the version already running") == true)
        // Planning changes nothing.
        let before = await steady.rollouts()
        _ = await steady.plan(order())
        #expect(await steady.rollouts() == before)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
