import CygniClients
import CygniModel
import Foundation

@testable import CygniSandbox

/// Seeds the scenario tests run over: a spread, none of them tuned.
let testSeeds: [UInt64] = [1, 7, 42, 2_026]

func makeWorld(_ scenario: Scenario, seed: UInt64 = 42) -> SandboxWorld {
    SandboxWorld(configuration: SandboxConfiguration(seed: seed, scenario: scenario))
}

/// Advances a minute at a time until the star rollout ends (or `limit` virtual seconds pass).
/// Returns the star rollout, or nil when the scenario has none.
@discardableResult
func runToEnd(_ world: SandboxWorld, limit: Double = 1_800) async -> Rollout? {
    var time = await world.elapsedSeconds
    guard var rollout = await star(world) else { return nil }
    while rollout.isActive, time < limit {
        time = min(limit, time + 60)
        await world.advance(to: time)
        guard let current = await star(world) else { return nil }
        rollout = current
    }
    return rollout
}

/// The rollout the scenario is about (the live one, started at time zero).
func star(_ world: SandboxWorld) async -> Rollout? {
    let start = world.configuration.start
    return await world.rollouts().first { $0.startedAt >= start }
}

func command(
    _ kind: OperatorCommand.Kind, _ rollout: Rollout, key: String, actor: String = "operator:alice",
    reason: String? = "testing"
) -> OperatorCommand {
    OperatorCommand(
        kind: kind, rolloutID: rollout.id, service: rollout.service, reason: reason, actor: actor, idempotencyKey: key)
}
