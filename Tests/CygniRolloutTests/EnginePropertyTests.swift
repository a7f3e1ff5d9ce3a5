import CygniModel
import Foundation
import Testing
@testable import CygniRollout

/// Properties over generated plans, observations and command sequences. Each seed is one case,
/// so a failure names the seed that reproduces it.
@Suite("Engine properties")
struct EnginePropertyTests {
    static let seeds = Array(1...150).map(UInt64.init)
    let origin = Date(timeIntervalSinceReferenceDate: 750_000_000)

    /// Runs `steps` generated inputs, checking the invariants after each one; returns the trace.
    func run(seed: UInt64, steps: Int = 150) throws -> (EngineState, [StepOutput]) {
        var random = SeededGenerator(seed: seed)
        let plan = random.plan()
        var state = try RolloutEngine.start(plan: plan, at: origin)
        var now = origin
        var outputs: [StepOutput] = []
        let keys = (0..<6).map { "key-\($0)" }
        for _ in 0..<steps {
            now = now.addingTimeInterval(Double(random.int(0...90)))
            let input = random.input(for: plan, at: now, keys: keys)
            let before = state
            try checkRollbackFromHere(before, at: now, seed: seed)
            let output = RolloutEngine.advance(&state, input: input, at: now)
            outputs.append(output)

            #expect(state.traffic.stable + state.traffic.canary == 100, "seed \(seed)")
            #expect((0...100).contains(state.traffic.canary), "seed \(seed)")
            for case .setWeights(let split) in output.commands {
                #expect(split.stable + split.canary == 100 && (0...100).contains(split.stable), "seed \(seed)")
            }
            if before.phase.isTerminal {
                #expect(state == before, "seed \(seed): a terminal state changed on \(input)")
                #expect(output.commands.isEmpty && output.events.isEmpty, "seed \(seed)")
            }
            if case .command = input, !before.phase.isTerminal {
                let outcome = try #require(output.outcome, "seed \(seed)")
                // Every command acted on is journaled, by its operator; a repeat is not.
                #expect(outcome.duplicate || output.decisions.contains { $0.actor == "operator:op" }, "seed \(seed): \(input)")
                // A repeat does nothing; the engine may still act on the time that passed.
                #expect(!outcome.duplicate || !output.decisions.contains { $0.actor == "operator:op" }, "seed \(seed)")
            }
            if state.phase.isTerminal, !before.phase.isTerminal {
                #expect(state.traffic == .allCanary || state.traffic == .allStable, "seed \(seed)")
            }
        }
        return (state, outputs)
    }

    /// From any reachable non-terminal state, a rollback's first command puts stable at 100.
    func checkRollbackFromHere(_ state: EngineState, at now: Date, seed: UInt64) throws {
        guard !state.phase.isTerminal else { return }
        let rollback = RolloutCommand(kind: .rollback, actor: "probe", idempotencyKey: "probe-\(UUID().uuidString)")
        let step = RolloutEngine.step(state, input: .command(rollback), at: now)
        #expect(step.commands.first == .setWeights(.allStable), "seed \(seed) from \(state.phase)")
        #expect(step.state.traffic == .allStable, "seed \(seed)")
        // Already rolling back past the health gate's timeout, the same step may end it as failed.
        let allowed: [Phase] = state.phase == .rollingBack ? [.rollingBack, .rolledBack, .failed] : [.rollingBack, .rolledBack]
        #expect(allowed.contains(step.state.phase), "seed \(seed): \(state.phase) -> \(step.state.phase)")
        #expect(step.outcome?.accepted == true, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func invariantsHold(seed: UInt64) throws {
        _ = try run(seed: seed)
    }

    @Test(arguments: seeds.prefix(40))
    func sameSeedSameRun(seed: UInt64) throws {
        let (first, firstOutputs) = try run(seed: seed, steps: 80)
        let (second, secondOutputs) = try run(seed: seed, steps: 80)
        #expect(first == second)
        #expect(firstOutputs == secondOutputs)
    }

    @Test(arguments: seeds.prefix(40))
    func stateSurvivesARestart(seed: UInt64) throws {
        let (state, _) = try run(seed: seed, steps: 60)
        let restored = try JSONDecoder().decode(EngineState.self, from: JSONEncoder().encode(state))
        #expect(restored == state, "seed \(seed)")
    }

    @Test(arguments: seeds.prefix(30))
    func repeatedKeysDoNothingNew(seed: UInt64) throws {
        let (state, _) = try run(seed: seed, steps: 40)
        let command = RolloutCommand(kind: .pause, actor: "op", idempotencyKey: "once")
        let first = RolloutEngine.step(state, input: .command(command), at: state.updatedAt)
        let second = RolloutEngine.step(first.state, input: .command(command), at: state.updatedAt)
        #expect(second.commands.isEmpty && second.events.isEmpty && second.decisions.isEmpty)
        #expect(second.state.phase == first.state.phase && second.state.timeline == first.state.timeline)
    }
}
