import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Scenario outcomes hold for every seed")
struct ScenarioOutcomeTests {
    @Test("scenario names are the ones the command line takes")
    func rawValues() {
        #expect(Scenario.allCases.map(\.rawValue) == ["blue-green", "canary-pass", "canary-fail", "canary-marginal", "slo-burn", "oom", "steady"])
        #expect(Scenario(rawValue: "oom") == .outOfMemory)
    }

    @Test("blue-green promotes", arguments: testSeeds)
    func blueGreen(seed: UInt64) async throws {
        let rollout = try #require(await runToEnd(makeWorld(.blueGreen, seed: seed)))
        #expect(rollout.strategy == .blueGreen)
        #expect(rollout.phase == .succeeded)
        // An all-at-once switch has no canary to judge: health gate, then bake at 100%.
        #expect(rollout.verdict == .none)
        #expect(rollout.traffic == .allCanary)
        #expect(rollout.phases.map(\.phase) == [.pending, .provisioning, .promoting, .succeeded])
    }

    @Test("canary-pass promotes through 5, 25, 50, 100", arguments: testSeeds)
    func canaryPass(seed: UInt64) async throws {
        let rollout = try #require(await runToEnd(makeWorld(.canaryPass, seed: seed)))
        #expect(rollout.phase == .succeeded)
        #expect(rollout.verdict == .pass)
        #expect(rollout.steps == [5, 25, 50, 100])
        // The engine judges the three partial steps; the last step is the full switch.
        #expect(rollout.events.filter { $0.kind == .analysis && $0.message.contains("analysis pass") }.count == 3)
        #expect(rollout.updatedAt.timeIntervalSince(rollout.startedAt) < 1_800)
    }

    @Test("canary-fail is judged fail on 5xx and rolled back automatically", arguments: testSeeds)
    func canaryFail(seed: UInt64) async throws {
        let rollout = try #require(await runToEnd(makeWorld(.canaryFail, seed: seed)))
        #expect(rollout.phase == .rolledBack)
        #expect(rollout.verdict == .fail)
        #expect(rollout.traffic == .allStable)
        #expect(rollout.reason?.contains("canary analysis failed") == true)
        #expect(rollout.reason?.contains("error_rate higher on canary") == true)
        #expect(rollout.events.contains { $0.kind == .analysis && $0.message.contains("analysis fail") })
        #expect(rollout.events.contains { $0.kind == .automaticAction && $0.actor == "engine" })
    }

    @Test("canary-marginal is marginal at every judged step and rolled back after the last", arguments: testSeeds)
    func canaryMarginal(seed: UInt64) async throws {
        let rollout = try #require(await runToEnd(makeWorld(.canaryMarginal, seed: seed)))
        #expect(rollout.phase == .rolledBack)
        #expect(rollout.verdict == .marginal)
        #expect(rollout.reason?.contains("last canary analysis only marginal at step 3 (50%)") == true, "\(rollout.reason ?? "")")
        #expect(rollout.reason?.contains("latency_ms higher on canary") == true, "\(rollout.reason ?? "")")
        let judged = rollout.events.filter { $0.kind == .analysis && $0.message.hasPrefix("analysis ") }
        #expect(judged.count == 3 && judged.allSatisfy { $0.message.hasPrefix("analysis marginal") }, "\(judged.map(\.message))")
        let analysis = try #require(rollout.analysis)
        #expect(analysis.latest?.score == 75)
        #expect(analysis.latest?.metrics.map(\.classification) == [.pass, .high])
        #expect(analysis.history.map(\.verdict) == [.marginal, .marginal])
    }

    @Test("slo-burn pages and rolls back naming the SLO and its burn rate", arguments: testSeeds)
    func sloBurn(seed: UInt64) async throws {
        let world = makeWorld(.sloBurn, seed: seed)
        let rollout = try #require(await runToEnd(world))
        #expect(rollout.phase == .rolledBack)
        #expect(rollout.traffic == .allStable)
        let reason = try #require(rollout.reason)
        #expect(reason.contains("SLO availability"))
        #expect(reason.contains("burning at"))
        #expect(reason.contains("page at"))
        #expect(rollout.events.contains { $0.kind == .automaticAction && $0.message.contains("auto-rollback") })
    }

    @Test("oom rolls back on the crash loop", arguments: testSeeds)
    func outOfMemory(seed: UInt64) async throws {
        let world = makeWorld(.outOfMemory, seed: seed)
        let rollout = try #require(await runToEnd(world))
        #expect(rollout.phase == .rolledBack)
        #expect(rollout.reason?.contains("crash-looping") == true)
        #expect(rollout.events.contains { $0.kind == .taskFailure && $0.message.contains("OOM-killed") })

        let kills = await world.taskEvents().filter(\.isOutOfMemory)
        #expect(kills.count >= 1)
        #expect(kills.allSatisfy { $0.exitCode == 137 && $0.stoppedReason == "OutOfMemoryError: Container killed due to memory usage" })
        #expect(kills.allSatisfy { $0.version == "v1.42.0" })
        #expect(await world.taskEvents().contains { $0.kind == .healthCheckFailed })
    }

    @Test("steady has no rollout in progress but a living world", arguments: testSeeds)
    func steady(seed: UInt64) async {
        let world = makeWorld(.steady, seed: seed)
        await world.advance(to: 120)
        let rollouts = await world.rollouts()
        #expect(rollouts.allSatisfy { !$0.isActive })
        #expect(await star(world) == nil)
        #expect(!(await world.traces(since: nil)).isEmpty)
        #expect(!(await world.logs(since: nil)).isEmpty)
        #expect(await world.costReport().totalToday > 0)
        #expect(await world.costReport().rolloutDeltas.isEmpty)
    }

    @Test("outcomes arrive within half an hour, and --at 300 shows a rollout in flight")
    func timings() async throws {
        for scenario in [Scenario.blueGreen, .canaryPass, .canaryFail, .sloBurn] {
            let world = makeWorld(scenario)
            await world.advance(to: 300)
            let midway = try #require(await star(world))
            #expect(midway.isActive, "\(scenario.rawValue) already over at 300 s")
        }
    }
}
