import CygniClients
import CygniModel
import CygniTerminal
import Foundation
import Testing
@testable import CygniDashboard

/// A canary ECS runs itself, held by a PAUSE hook, as the Timeline, the Traffic pane and
/// `cx status --json` show it: ECS's stage and plan as ECS words them, the hook's expiry
/// counting down with the clock, the monitors, each revision's traffic and tasks.
struct ECSDeploymentViewTests {
    static let report = ECSDeploymentReport(
        arn: "arn:aws:ecs:eu-west-1:123456789012:service-deployment/production/checkout/r9i43YFjvgF", strategy: "CANARY",
        status: "IN_PROGRESS", statusReason: nil, lifecycleStage: "PRODUCTION_TRAFFIC_SHIFT",
        plan: [.init(percent: 5, bakeMinutes: 10), .init(percent: 100, bakeMinutes: 15)],
        revisions: [
            .init(role: .source, arn: "arn:aws:ecs:eu-west-1:123456789012:service-revision/production/checkout/1", version: "v1.41.2",
                  productionWeight: 95, testWeight: 0, runningTasks: 6, requestedTasks: 6, pendingTasks: 0),
            .init(role: .target, arn: "arn:aws:ecs:eu-west-1:123456789012:service-revision/production/checkout/2", version: "v1.42.0",
                  productionWeight: 5, testWeight: 100, runningTasks: 5, requestedTasks: 6, pendingTasks: 1),
        ],
        hooks: [.init(id: "r9i43YFjvgF-hook-2", targetType: "PAUSE", status: "AWAITING_ACTION", expiresAt: Fixture.at(650), timeoutAction: "ROLLBACK")],
        pauseStages: ["PRE_PRODUCTION_TRAFFIC_SHIFT"],
        circuitBreaker: .init(status: "MONITORING", failureCount: 0, threshold: 3),
        alarms: .init(status: "MONITORING", alarmNames: ["checkout-5xx"]),
        rollback: nil)

    static var rollout: Rollout {
        var rollout = Fixture.canary
        rollout.phase = .paused
        rollout.traffic = TrafficSplit(canary: 5)
        rollout.step = 0
        rollout.steps = [5, 100]
        rollout.sides = []
        rollout.verdict = .none
        rollout.reason = "held by a PAUSE lifecycle hook at PRODUCTION_TRAFFIC_SHIFT: resume continues it, rollback rolls it back"
        rollout.ecsDeployment = report
        return rollout
    }

    func state(now: Double = 400) -> DashboardState {
        var state = Fixture.loadedState()
        state.rollouts = [Self.rollout]
        state.now = Fixture.at(now)
        return state
    }

    func frame(_ state: DashboardState, pane: PaneID) -> String {
        var state = state
        state.focus = pane
        state.zoomed = true
        return HeadlessBackend.render(DashboardView.render(state, width: 110, height: 24))
    }

    @Test func theTimelineShowsTheStageThePlanTheHookAndTheMonitors() {
        let text = frame(state(), pane: .timeline)
        #expect(text.contains("ECS IN_PROGRESS · PRODUCTION_TRAFFIC_SHIFT · canary 5% baking 10m00s → 100% baking 15m00s · step 1/2"))
        #expect(text.contains("hook PAUSE awaiting action · expires in 4m10s, then ROLLBACK"))
        #expect(text.contains("circuit breaker MONITORING 0/3 failed tasks · alarms MONITORING checkout-5xx"))
        Golden.check(text, named: "ecs-deployment-timeline")
    }

    @Test func theHookCountsDownWithTheClock() {
        #expect(frame(state(now: 590), pane: .timeline).contains("expires in 1m00s"))
        #expect(frame(state(now: 700), pane: .timeline).contains("expired 50s ago"))
    }

    @Test func theTrafficPaneShowsEachRevisionsTrafficAndTasks() {
        let text = frame(state(), pane: .traffic)
        #expect(text.contains("stable v1.41.2  →  canary v1.42.0"))
        #expect(!text.contains("no per-version request metrics"))
        Golden.check(text, named: "ecs-deployment-traffic")
    }

    @Test func statusJSONAddsWhatECSSaysAndLeavesOtherEntriesAlone() {
        var state = state()
        state.rollouts.append(Fixture.finished)
        let json = StatusReport(state: state).json()
        Golden.check(json, named: "status-ecs-deployment", ext: "json")
        let entries = StatusReport(state: state).rollouts
        #expect(entries.map { $0.ecsDeployment != nil } == [true, false])
        #expect(entries.first?.ecsDeployment?.hooks.first?.expiresInSeconds == JSONNullable(250))
        #expect(json.components(separatedBy: "\"ecsDeployment\"").count == 2, "only the ECS-run rollout carries the key")
    }

    @Test func whatECSSaysIsSanitized() {
        var hostile = Self.report
        hostile.status = "IN_PROGRESS\u{1B}[2J"
        hostile.lifecycleStage = "BAKE\u{7}_TIME"
        hostile.alarms = .init(status: "TRIGGERED", alarmNames: ["a\u{1B}]0;owned\u{7}"], triggeredAlarmNames: ["a\u{1B}]0;owned\u{7}"])
        var state = state()
        state.rollouts[0].ecsDeployment = hostile
        for pane in [PaneID.timeline, .traffic] {
            let text = frame(state, pane: pane)
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(pane)")
        }
    }
}
