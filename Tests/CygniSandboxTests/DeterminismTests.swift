import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

/// Everything the console can read, to compare two worlds.
private struct Snapshot: Equatable {
    var now: Date
    var rollouts: [Rollout]
    var slos: [SLOStatus]
    var traces: [Trace]
    var logs: [LogEvent]
    var cost: CostReport
    var taskEvents: [TaskEvent]

    init(_ world: SandboxWorld) async {
        now = await world.now
        rollouts = await world.rollouts()
        slos = await world.slos()
        traces = await world.traces(since: nil)
        logs = await world.logs(since: nil)
        cost = await world.costReport()
        taskEvents = await world.taskEvents()
    }
}

@Suite("Determinism")
struct DeterminismTests {
    @Test("same seed and same advances give equal worlds")
    func sameSeed() async {
        let first = makeWorld(.outOfMemory, seed: 9)
        let second = makeWorld(.outOfMemory, seed: 9)
        await first.advance(to: 240)
        await second.advance(to: 240)
        #expect(await Snapshot(first) == Snapshot(second))
    }

    @Test("advancing in chunks equals advancing at once")
    func chunked() async {
        let once = makeWorld(.canaryFail, seed: 5)
        let chunked = makeWorld(.canaryFail, seed: 5)
        await once.advance(to: 330)
        for target in [0.4, 1, 100, 100, 57, 250.5, 299.99, 330] {
            await chunked.advance(to: target)
        }
        #expect(await Snapshot(once) == Snapshot(chunked))
    }

    @Test("time never goes backwards")
    func monotonic() async {
        let world = makeWorld(.steady)
        await world.advance(to: 120)
        let before = await world.now
        await world.advance(to: 30)
        #expect(await world.now == before)
        #expect(before == SandboxConfiguration.defaultStart.addingTimeInterval(120))
    }

    @Test("different seeds differ")
    func differentSeeds() async {
        let one = makeWorld(.canaryPass, seed: 1)
        let two = makeWorld(.canaryPass, seed: 2)
        await one.advance(to: 60)
        await two.advance(to: 60)
        let first = await Snapshot(one)
        let second = await Snapshot(two)
        #expect(first.traces != second.traces)
        #expect(first.slos != second.slos)
        #expect(first.rollouts[0].id != second.rollouts[0].id)
    }

    @Test("past rollouts lengthen the list and change nothing else")
    func pastRollouts() async {
        var configuration = SandboxConfiguration(seed: 4, scenario: .canaryFail)
        configuration.pastRollouts = 97
        let long = SandboxWorld(configuration: configuration)
        let plain = makeWorld(.canaryFail, seed: 4)
        await long.advance(to: 300)
        await plain.advance(to: 300)
        var withPast = await Snapshot(long)
        let without = await Snapshot(plain)
        #expect(withPast.rollouts.count == 100)
        let past = withPast.rollouts.dropFirst(without.rollouts.count)
        #expect(Set(withPast.rollouts.map(\.id)).count == 100, "ids are unique")
        #expect(past.allSatisfy { !$0.isActive && $0.startedAt < configuration.start })
        #expect(past.contains { $0.phase == .rolledBack } && past.contains { $0.phase == .succeeded })
        let first = past.first!
        withPast.rollouts.removeLast(past.count)
        #expect(withPast == without)
        // Commands to a past rollout are refused like any finished one.
        let outcome = await long.perform(
            OperatorCommand(kind: .rollback, rolloutID: first.id, service: first.service, reason: nil, actor: "test", idempotencyKey: "p1"))
        #expect(!outcome.accepted)
    }

    @Test("the default start is 2026-11-26T09:00:00Z")
    func defaultStart() {
        let formatter = ISO8601DateFormatter()
        #expect(formatter.string(from: SandboxConfiguration().start) == "2026-11-26T09:00:00Z")
        #expect(SandboxConfiguration(seed: 42, scenario: .canaryFail).label == "sandbox seed 42 canary-fail")
    }
}
