import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Synchronization
import Testing

@testable import CygniSandbox

@Suite("The rollout engine drives the sandbox")
struct EngineDriverTests {
    @Test("the timeline carries the engine's analysis verdicts, and verdict and reason are the engine's")
    func engineVerdicts() async throws {
        let world = makeWorld(.canaryFail, seed: 5)
        let rollout = try #require(await runToEnd(world))
        let verdict = try #require(rollout.events.last { $0.kind == .analysis })
        #expect(verdict.actor == "engine")
        #expect(verdict.message.hasPrefix("analysis fail at step 1"))
        #expect(rollout.verdict == .fail)
        #expect(rollout.reason?.hasPrefix("canary analysis failed at step 1 (5%)") == true)
    }

    @Test("a rollback from every reachable phase puts stable at 100 before perform returns")
    func rollbackFromEveryPhase() async throws {
        // Seconds at which canary-pass (seed 3) sits in each phase.
        let moments: [(Double, Phase)] = [(5, .provisioning), (100, .baking), (1_000, .promoting)]
        for (time, phase) in moments {
            let world = makeWorld(.canaryPass, seed: 3)
            await world.advance(to: time)
            let before = try #require(await star(world))
            #expect(before.phase == phase, "at \(time) s")
            let outcome = await world.perform(command(.rollback, before, key: "rb-\(time)"))
            #expect(outcome.accepted, "from \(phase)")
            let after = try #require(await star(world))
            #expect(after.traffic == .allStable, "from \(phase)")
        }
        let world = makeWorld(.canaryPass, seed: 3)
        await world.advance(to: 100)
        let rollout = try #require(await star(world))
        _ = await world.perform(command(.pause, rollout, key: "p"))
        let outcome = await world.perform(command(.rollback, rollout, key: "rb-paused"))
        #expect(outcome.accepted)
        #expect(try #require(await star(world)).traffic == .allStable)
    }

    @Test("decisions reach the audit writer only when one is given")
    func auditWriter() async throws {
        let written = Mutex<[AuditEntry]>([])
        let writer = AuditWriter { entries in written.withLock { $0 += entries } }
        let world = SandboxWorld(configuration: SandboxConfiguration(seed: 5, scenario: .canaryFail), auditWriter: writer)
        await world.advance(to: 400)
        let rollout = try #require(await star(world))
        #expect(rollout.phase == .rolledBack)
        let entries = written.withLock { $0 }
        #expect(!entries.isEmpty)
    }
}
