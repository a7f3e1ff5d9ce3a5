import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("Rollout engine")
struct EngineTests {
    @Test func startsPendingAndCreatesTheCanaryFleetOnFirstStep() throws {
        var driver = try Driver(.canary())
        #expect(driver.state.phase == .pending)
        let output = driver.send(.tick)
        #expect(output.commands == [.createFleet(version: "v2", count: 1)])
        #expect(driver.state.phase == .provisioning)
    }

    @Test func healthyCanaryReceivesItsShareAndBakes() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        let output = driver.healthy("v2", 1, after: 20)
        #expect(output.commands == [.setWeights(TrafficSplit(canary: 5))])
        #expect(driver.state.phase == .baking)
        #expect(driver.state.traffic == TrafficSplit(canary: 5))
    }

    @Test func passingAnalysisWalksEveryStepAndPromotes() throws {
        var driver = try Driver(.canary(steps: [10, 50, 100], bake: 300))
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 61, every: 5)
        #expect(driver.state.phase == .shifting)
        #expect(driver.state.stepIndex == 1)
        #expect(driver.state.judgements.entries.last?.verdict == .pass)
        driver.healthy("v2", 2, after: 1)
        driver.metrics(errorRate: (0.001, 0.001), count: 61, every: 5)
        #expect(driver.state.phase == .promoting)
        #expect(driver.state.verdict == .pass)
        #expect(driver.healthy("v2", 4, after: 1).commands == [.setWeights(.allCanary)])
        #expect(driver.state.phase == .promoting)
        driver.send(.tick, after: 299)
        #expect(driver.state.phase == .promoting)
        #expect(driver.send(.tick, after: 1).commands == [.deleteFleet(version: "v1")])
        #expect(driver.state.phase == .succeeded)
        #expect(driver.state.traffic == .allCanary)
    }

    @Test func failingAnalysisRollsBackWithStableFirst() throws {
        var plan = RolloutPlan.canary()
        plan.analysis.thresholds = nil
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.01, 0.001), count: 61, every: 5)
        #expect(driver.state.phase == .rolledBack)
        #expect(driver.state.verdict == .fail)
        let reason = try #require(driver.state.reason)
        #expect(reason.hasPrefix("canary analysis failed at step 1 (5%): critical metric error_rate higher on canary"))
        let decision = try #require(driver.outputs.first { $0.decisions.contains { $0.action == "auto-rollback" } })
        #expect(decision.commands.first == .setWeights(.allStable))
        #expect(decision.commands.contains(.deleteFleet(version: "v2")))
    }

    @Test func thresholdChecksRollBackLowTrafficCanaries() throws {
        var plan = RolloutPlan.canary()
        plan.rollBackOnBurn = false
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.05, 0.001), count: 18, every: 10)
        #expect(driver.state.phase == .rolledBack)
        #expect(driver.state.reason == "3 threshold checks failed on v2; last: success rate 95.0% < 99.0% (1500 of 30000 failed)")
    }

    @Test func pageLevelBurnExplainedByTheCanaryRollsBack() throws {
        var plan = RolloutPlan.canary()
        plan.analysis.thresholds = nil
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.5, 0.0005), count: 1)
        #expect(driver.state.phase == .rolledBack)
        let reason = try #require(driver.state.reason)
        #expect(reason.hasPrefix("SLO availability (99.9%) burning at"))
        #expect(reason.contains("over 5m/1h (page at 14x); v2 alone 500x, v1 0.4x"))
    }

    @Test func burnNotExplainedByTheCanaryIsReportedOnce() throws {
        var plan = RolloutPlan.canary()
        plan.analysis.thresholds = nil
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.05, 0.05), count: 3)
        #expect(driver.state.phase == .baking)
        let burnEvents = driver.state.timeline.entries.filter { $0.message.contains("not explained by v2") }
        // Only availability burns (no slow requests), and it is said once.
        #expect(burnEvents.count == 1)
    }

    @Test func crashLoopOfTheNewVersionRollsBackAndRecommendsMemory() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        var replaced: [ProviderCommand] = []
        for index in 1...3 {
            let event = TaskEvent(
                time: driver.now.addingTimeInterval(30), service: "checkout", version: "v2", taskID: "t\(index)", kind: .stopped,
                exitCode: 137, stoppedReason: "OutOfMemoryError: Container killed due to memory usage"
            )
            replaced += driver.send(.taskEvents([event]), after: 30).commands.filter {
                if case .replaceTask = $0 { return true } else { return false }
            }
        }
        #expect(driver.state.phase == .rolledBack)
        #expect(driver.state.reason?.hasPrefix("v2 is crash-looping: 3 task failures within 10 min (last: OOM-killed: OutOfMemoryError") == true)
        #expect(replaced == [.replaceTask(version: "v2", taskID: "t1")])

        #expect(driver.state.recommendation?.toMemoryGB == 1)
        #expect(driver.state.timeline.entries.contains { $0.message.hasPrefix("recommendation: v2 OOM-killed 2 times: raise memory from 0.5 GB to 1 GB") })
    }

    @Test func theSameStoppedTaskReportedAgainCountsOnce() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        let event = TaskEvent(time: driver.now, service: "checkout", version: "v2", taskID: "t1", kind: .stopped, exitCode: 1, stoppedReason: "Essential container in task exited")
        for _ in 1...5 { driver.send(.taskEvents([event]), after: 1) }
        #expect(driver.state.phase == .provisioning)
        #expect(driver.state.timeline.entries.filter { $0.kind == .taskFailure }.count == 1)
    }

    @Test func rollingCircuitBreakerTrips() throws {
        let plan = RolloutPlan(id: "r", service: "s", fromVersion: "v1", toVersion: "v2", strategy: .rolling(RollingParameters()), fleet: FleetSpec(desiredCount: 4), healing: HealingPolicy(crashLoopFailures: 100))
        var driver = try Driver(plan)
        driver.send(.tick)
        for index in 1...3 {
            driver.send(.taskEvents([TaskEvent(time: driver.now, service: "s", version: "v2", taskID: "t\(index)", kind: .stopped, exitCode: 1, stoppedReason: "Essential container in task exited")]), after: 100)
        }
        #expect(driver.state.reason == "deployment circuit breaker: 3 failed tasks of v2 (threshold 3; last: essential container exited with code 1: Essential container in task exited)")
    }

    @Test func rollbackIsOneWeightChangeFromAnyPhaseAndKeysActOnce() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        let first = driver.command(.rollback, key: "k1", reason: "customer reports")
        #expect(first.commands.first == .setWeights(.allStable))
        #expect(first.outcome == RolloutCommand.Outcome(accepted: true, message: "rolling back to v1"))
        #expect(first.decisions.first?.actor == "operator:ana")
        #expect(first.decisions.first?.reason == "rolled back by ana: customer reports")
        let stateAfter = driver.state
        let again = driver.command(.rollback, key: "k1")
        #expect(again.commands.isEmpty && again.events.isEmpty && again.decisions.isEmpty)
        #expect(again.outcome?.duplicate == true)
        #expect(driver.state.phase == stateAfter.phase && driver.state.timeline == stateAfter.timeline)
    }

    @Test func terminalPhasesAbsorbEverything() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        driver.command(.abort, key: "a", reason: "wrong build")
        #expect(driver.state.phase == .failed)
        #expect(driver.state.reason == "aborted by ana: wrong build")
        let frozen = driver.state
        for input in [EngineInput.tick, .command(RolloutCommand(kind: .resume, actor: "bo", idempotencyKey: "z")), .healthy("v2")] {
            let output = driver.send(input, after: 1_000)
            #expect(output.commands.isEmpty)
            #expect(driver.state == frozen)
        }
        #expect(driver.command(.rollback, key: "late").outcome?.accepted == false)
    }

    @Test func pauseStopsTheClockAndResumeContinues() throws {
        var driver = try Driver(.canary(bake: 300))
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.send(.tick, after: 100)
        driver.command(.pause, key: "p")
        #expect(driver.state.phase == .paused)
        driver.send(.tick, after: 10_000)
        #expect(driver.state.phase == .paused)
        driver.command(.resume, key: "r")
        #expect(driver.state.phase == .baking)
        driver.send(.tick, after: 150)
        #expect(driver.state.phase == .baking)
        #expect(driver.command(.resume, key: "r2").outcome == RolloutCommand.Outcome(accepted: false, message: "cannot resume: not paused"))
    }

    @Test func inconclusiveAnalysisPausesAndSaysWhy() throws {
        var plan = RolloutPlan.canary(bake: 60)
        plan.analysis.thresholds = nil
        var driver = try Driver(plan)
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 7)
        #expect(driver.state.phase == .paused)
        #expect(driver.state.verdict == .inconclusive)
        #expect(driver.state.reason?.hasPrefix("analysis inconclusive at step 1 (5%): too few datapoints to judge (need 50): error_rate canary") == true)
        driver.command(.promote, key: "go")
        #expect(driver.state.phase == .promoting)
    }

    @Test func blueGreenRunsItsHookThenKeepsBlueForTheRollbackWindow() throws {
        let plan = RolloutPlan(
            id: "bg", service: "web", fromVersion: "blue-1", toVersion: "green-2",
            strategy: .blueGreen(BlueGreenParameters(preTrafficHook: "smoke", bake: 60, rollbackWindow: 600)), fleet: FleetSpec(desiredCount: 3)
        )
        var driver = try Driver(plan)
        #expect(driver.send(.tick).commands == [.createFleet(version: "green-2", count: 3)])
        #expect(driver.healthy("green-2", 3, after: 30).commands == [.runHook(name: "smoke", version: "green-2")])
        driver.send(.hookFinished(name: "smoke", succeeded: true, detail: nil), after: 5)
        #expect(driver.state.phase == .promoting)
        #expect(driver.state.traffic == .allCanary)
        driver.send(.tick, after: 300)
        #expect(driver.state.phase == .promoting)
        // Still inside the window: a rollback is one weight change back to blue.
        let rollback = driver.command(.rollback, key: "oops")
        #expect(rollback.commands == [.setWeights(.allStable), .deleteFleet(version: "green-2")])
        #expect(driver.state.phase == .rolledBack)
    }

    @Test func restartedEngineResumesFromCodableState() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 10)
        let data = try JSONEncoder().encode(driver.state)
        let restored = try JSONDecoder().decode(EngineState.self, from: data)
        #expect(restored == driver.state)
        var twin = driver
        twin.state = restored
        driver.metrics(errorRate: (0.001, 0.001), count: 25)
        twin.metrics(errorRate: (0.001, 0.001), count: 25)
        #expect(twin.state == driver.state)
    }

    @Test func rolloutAdapterShowsTheContractFields() throws {
        var driver = try Driver(.canary())
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        driver.metrics(errorRate: (0.001, 0.001), count: 2)
        let rollout = driver.state.rollout
        #expect(rollout.id == "checkout-42" && rollout.service == "checkout" && rollout.strategy == .canary)
        #expect(rollout.phase == .baking && rollout.step == 0 && rollout.steps == [5, 25, 50, 100])
        #expect(rollout.traffic == TrafficSplit(canary: 5))
        #expect(rollout.phases.map(\.phase) == [.pending, .provisioning, .shifting, .baking])
        #expect(rollout.phases.last?.end == nil)
        #expect(rollout.sides.map(\.version) == ["v1", "v2"])
        #expect(rollout.sides[1].requestsPerSecond == 500)
        #expect(!rollout.events.isEmpty)
        let slos = driver.state.sloStatuses
        #expect(slos.map(\.name) == ["availability", "latency"])
        #expect(slos.allSatisfy { $0.alert == .ok && $0.service == "checkout" && $0.burnRates.count == 4 })
        #expect(abs(slos[0].sli - 0.999) < 1e-9)
    }
}

extension EngineInput {
    static func healthy(_ version: String) -> EngineInput {
        .fleetHealth(FleetHealth(version: version, desired: 1, running: 1, healthy: 1))
    }
}

/// ECS's own deployments move traffic at their own pace: a step bakes from when its traffic
/// arrived, so the judge compares minutes in which the canary had its share.
@Suite("Traffic that arrives late")
struct TrafficArrivalTests {
    @Test func aStepBakesFromWhenItsTrafficArrived() throws {
        var driver = try Driver(.canary(steps: [10, 50, 100], bake: 300))
        driver.send(.tick)
        driver.healthy("v2", 1, after: 20)
        #expect(driver.state.phase == .baking && driver.state.traffic == TrafficSplit(canary: 10))
        // Another split than the one set says nothing about this step.
        driver.send(.trafficArrived(TrafficSplit(canary: 50)), after: 100)
        // ECS shifted the 10% two hundred seconds after it was asked to.
        let arrived = driver.send(.trafficArrived(TrafficSplit(canary: 10)), after: 100)
        #expect(arrived.events.contains { $0.message == "10% of traffic on v2 now; the step's time counts from here" })
        driver.send(.tick, after: 299)
        #expect(driver.state.phase == .baking, "judged 499 s after the shift was asked for, 299 s after it arrived")
        #expect(driver.state.judgements.entries.isEmpty)
        driver.send(.tick, after: 1)
        #expect(driver.state.judgements.entries.count == 1, "judged once the arrived traffic had baked 300 s")
    }
}
