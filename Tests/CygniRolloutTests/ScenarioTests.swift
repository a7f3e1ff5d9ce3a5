import CygniModel
import Foundation
import Testing
@testable import CygniRollout

/// The sandbox's scenarios (DESIGN.md) against a simulated provider, over several seeds: the
/// outcome must follow from the scenario, not from a lucky seed.
@Suite("Scenarios")
struct ScenarioTests {
    static let seeds: [UInt64] = [1, 2, 3, 7, 42]
    typealias Truth = SimulatedWorld.Truth

    func canaryPlan() -> RolloutPlan {
        RolloutPlan(
            id: "checkout-7", service: "checkout", fromVersion: "v1", toVersion: "v2",
            strategy: .canary(CanaryParameters(steps: [5, 25, 50, 100], bake: 300)), fleet: FleetSpec(desiredCount: 4)
        )
    }

    func run(_ plan: RolloutPlan, seed: UInt64, new truth: Truth) throws -> ScenarioRun {
        var run = try ScenarioRun(plan: plan, seed: seed, truths: [plan.fromVersion: Truth(), plan.toVersion: truth])
        run.run()
        return run
    }

    @Test(arguments: seeds)
    func blueGreenPromotes(seed: UInt64) throws {
        let plan = RolloutPlan(
            id: "web-1", service: "web", fromVersion: "v1", toVersion: "v2",
            strategy: .blueGreen(BlueGreenParameters(bake: 120, rollbackWindow: 300)), fleet: FleetSpec(desiredCount: 3)
        )
        let run = try run(plan, seed: seed, new: Truth())
        #expect(run.state.phase == .succeeded, "seed \(seed): \(run.state.reason ?? "")")
        #expect(run.state.traffic == .allCanary)
        #expect(run.commands.last == .deleteFleet(version: "v1"))
    }

    @Test(arguments: seeds)
    func canaryPassPromotesWithAPassingVerdict(seed: UInt64) throws {
        let run = try run(canaryPlan(), seed: seed, new: Truth())
        #expect(run.state.phase == .succeeded, "seed \(seed): \(run.state.reason ?? "")")
        #expect(run.state.verdict == .pass)
        #expect(run.state.judgements.entries.count == 3)
        #expect(run.commands.compactMap { if case .setWeights(let split) = $0 { split.canary } else { nil } } == [5, 25, 50, 100])
    }

    @Test(arguments: seeds)
    func canaryFailRollsBack(seed: UInt64) throws {
        let run = try run(canaryPlan(), seed: seed, new: Truth(errorRate: 0.03))
        #expect(run.state.phase == .rolledBack, "seed \(seed)")
        let reason = run.state.reason ?? ""
        #expect(reason.hasPrefix("canary analysis failed") || reason.contains("threshold checks failed on v2"), "seed \(seed): \(reason)")
        #expect(run.state.traffic == .allStable)
        #expect(run.decisions.contains { $0.action == "auto-rollback" && $0.actor == "engine" })
    }

    @Test(arguments: seeds)
    func canaryFailIsCaughtByTheJudgeWhenThresholdsPass(seed: UInt64) throws {
        // 0.6% errors keeps the success rate above 99%: only the statistics see it.
        let run = try run(canaryPlan(), seed: seed, new: Truth(errorRate: 0.006))
        #expect(run.state.phase == .rolledBack, "seed \(seed)")
        #expect(run.state.reason?.hasPrefix("canary analysis failed at step 1 (5%): critical metric error_rate higher on canary") == true, "seed \(seed): \(run.state.reason ?? "")")
        #expect(run.state.verdict == .fail)
    }

    @Test(arguments: seeds)
    func fastSLOBurnRollsBackNamingTheSLO(seed: UInt64) throws {
        let run = try run(canaryPlan(), seed: seed, new: Truth(errorRate: 0.3))
        #expect(run.state.phase == .rolledBack, "seed \(seed)")
        let reason = run.state.reason ?? ""
        #expect(reason.hasPrefix("SLO availability (99.9%) burning at"), "seed \(seed): \(reason)")
        #expect(reason.contains("(page at"))
    }

    @Test(arguments: seeds)
    func oomCrashLoopRollsBackAndRecommendsMemory(seed: UInt64) throws {
        let run = try run(canaryPlan(), seed: seed, new: Truth(oomAfter: 45))
        #expect(run.state.phase == .rolledBack, "seed \(seed)")
        #expect(run.state.reason?.hasPrefix("v2 is crash-looping") == true, "seed \(seed): \(run.state.reason ?? "")")
        #expect(run.state.reason?.contains("OutOfMemoryError") == true)
        #expect(run.state.recommendation?.toMemoryGB == 1)
        #expect(run.commands.contains(.replaceTask(version: "v2", taskID: "task-5")))
    }

    @Test(arguments: seeds)
    func everyStrategyPromotesAHealthyVersion(seed: UInt64) throws {
        let strategies: [StrategyPlan] = [
            .linear(LinearParameters(stepPercent: 20, interval: 300)),
            .rolling(RollingParameters(minimumHealthyPercent: 50, maximumPercent: 150)),
            .recreate,
            .blueGreen(BlueGreenParameters(trafficSwitch: .linear(stepPercent: 25, interval: 60), preTrafficHook: nil, bake: 60, rollbackWindow: 120)),
            .canary(CanaryParameters(preset: .canary10Percent5Minutes)),
            .canary(CanaryParameters(preset: .allAtOnce)),
        ]
        for strategy in strategies {
            let plan = RolloutPlan(id: "s", service: "checkout", fromVersion: "v1", toVersion: "v2", strategy: strategy, fleet: FleetSpec(desiredCount: 6))
            let run = try run(plan, seed: seed, new: Truth())
            #expect(run.state.phase == .succeeded, "seed \(seed) \(strategy.kind): \(run.state.reason ?? "")")
            #expect(run.state.traffic == .allCanary)
            #expect(run.world.fleets["v1"] == nil && run.world.fleets["v2"]?.count == 6, "seed \(seed) \(strategy.kind)")
            var weights: [Int] = []
            for case .setWeights(let split) in run.commands { weights.append(split.canary) }
            #expect(weights == weights.sorted() && weights.last == 100, "seed \(seed) \(strategy.kind): \(weights)")
        }
    }

    @Test(arguments: seeds)
    func rollingRespectsItsCeilingAndRecreateStopsFirst(seed: UInt64) throws {
        let rolling = RolloutPlan(id: "r", service: "s", fromVersion: "v1", toVersion: "v2", strategy: .rolling(RollingParameters(minimumHealthyPercent: 50, maximumPercent: 100)), fleet: FleetSpec(desiredCount: 4))
        var run = try ScenarioRun(plan: rolling, seed: seed, truths: [:])
        var most = 0
        while !run.state.isTerminal, run.world.clock < 3_600 {
            run.run(limit: run.world.clock + 1)
            most = max(most, run.world.fleets.values.reduce(0) { $0 + $1.count })
        }
        #expect(run.state.phase == .succeeded)
        #expect(most <= 4, "seed \(seed): \(most) tasks at once with maximumPercent 100")
        let recreate = RolloutPlan(id: "c", service: "s", fromVersion: "v1", toVersion: "v2", strategy: .recreate, fleet: FleetSpec(desiredCount: 4))
        let first = try RolloutEngine.step(RolloutEngine.start(plan: recreate, at: Date()), input: .tick, at: Date())
        #expect(first.commands == [.scale(version: "v1", count: 0), .createFleet(version: "v2", count: 4)])
    }

    /// The judge's power and false-positive rate over many seeds: every bad canary is caught,
    /// and a healthy one fails only at about the test's significance level (2% per judgement,
    /// three judgements per rollout).
    @Test func judgeCatchesBadCanariesAndRarelyFailsGoodOnes() throws {
        var healthyFailures = 0
        for seed in UInt64(100)..<UInt64(120) {
            for (name, truth) in [("errors", Truth(errorRate: 0.006)), ("latency", Truth(latencyMedianMilliseconds: 130))] {
                let run = try run(canaryPlan(), seed: seed, new: truth)
                #expect(run.state.phase == .rolledBack, "seed \(seed) \(name)")
                #expect(run.state.reason?.hasPrefix("canary analysis failed") == true, "seed \(seed) \(name): \(run.state.reason ?? "")")
            }
            if try run(canaryPlan(), seed: seed, new: Truth()).state.phase != .succeeded { healthyFailures += 1 }
        }
        #expect(healthyFailures <= 2, "\(healthyFailures) of 20 healthy canaries failed")
    }

    @Test func steadyHasNothingToDo() {
        var engine = MultiRolloutEngine()
        #expect(engine.tick(at: Date()).isEmpty)
        #expect(engine.states.isEmpty)
    }

    @Test func manyRolloutsStepTogether() throws {
        var engine = MultiRolloutEngine()
        let origin = Date(timeIntervalSinceReferenceDate: 0)
        for index in 0..<3 {
            var plan = canaryPlan()
            plan.id = "r\(index)"
            #expect(engine.add(try RolloutEngine.start(plan: plan, at: origin)))
        }
        #expect(!engine.add(try RolloutEngine.start(plan: canaryPlan(), at: origin)) || engine.states.count == 4)
        let first = engine.tick(at: origin)
        #expect(first["r1"]?.commands == [.createFleet(version: "v2", count: 1)])
        let rollback = RolloutCommand(kind: .rollback, actor: "op", idempotencyKey: "x")
        let second = engine.tick(inputs: ["r2": [.command(rollback)]], at: origin.addingTimeInterval(1))
        #expect(second["r2"]?.commands.first == .setWeights(.allStable))
        #expect(engine.state("r2")?.phase == .rolledBack)
        #expect(engine.removeFinished().map(\.plan.id).contains("r2"))
        #expect(engine.state("r2") == nil && engine.state("r1")?.phase == .provisioning)
    }
}
