import CygniClients
import CygniModel
import CygniStoreTesting
import CygniTerminal
import Foundation
import Testing
@testable import CygniDashboard

extension Fixture {
    /// The canary's analysis as an engine would give it: a failed judgement of step 2, one older.
    static let canaryAnalysis: RolloutAnalysis = {
        func metric(_ name: String, _ classification: MetricEvidence.Classification, p: Double, shift: Double) -> MetricEvidence {
            MetricEvidence(
                name: name, group: name, critical: name == "error_rate", direction: .increase, classification: classification,
                test: "mann-whitney", pValue: p, shift: shift, shiftTolerance: 0.5, meanShift: shift, meanTolerance: 0.5, tolerance: 0.25,
                baselineMedian: 2, canary: Datapoints(count: 60, recent: [3, 4, 5, 4]), baseline: Datapoints(count: 60, recent: [2, 2, 1, 2]))
        }
        let pairs = BurnRate.standardPairs.map {
            BurnEvidence.Pair(rate: BurnRate(windows: $0.windows, short: 1, long: 1, threshold: $0.threshold, severity: $0.severity), firing: false, canaryAlone: nil, stableAlone: nil)
        }
        return RolloutAnalysis(
            step: 1, stepCount: 4, passScore: 95, marginalScore: 75, significanceLevel: 0.02, minimumSamples: 50,
            latest: JudgementEvidence(
                step: 1, time: at(395), score: 0, verdict: .fail, reason: "critical metric error_rate higher on canary",
                metrics: [metric("error_rate", .high, p: 1e-9, shift: 2), metric("latency_ms", .pass, p: 0.4, shift: 0.1)]),
            baking: [], thresholds: nil,
            burn: [BurnEvidence(slo: "availability", objective: 0.999, pairs: pairs, lowTraffic: false)],
            history: [JudgementSummary(step: 0, time: at(245), score: 100, verdict: .pass, reason: "score 100", metrics: [])],
            droppedJudgements: 0)
    }()
}

extension ReducerTests {
    func analysedState(height: Int = 16) -> DashboardState {
        var state = Fixture.loadedState()
        state.rollouts[0].analysis = Fixture.canaryAnalysis
        state.height = height
        return state
    }

    /// Enter on the Timeline (or Traffic) opens the selected rollout's analysis; Esc closes it,
    /// and so does q, which does not quit while the analysis is open.
    @Test func enterOpensTheAnalysisAndEscOrQCloseIt() async {
        for pane in [PaneID.timeline, .traffic] {
            var initial = analysedState()
            initial.focus = pane
            let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
            await store.send(.key(.enter)) { $0.analysisView = AnalysisViewState(rolloutID: Fixture.canary.id) }
            await store.send(.key(.escape)) { $0.analysisView = nil }
            await store.send(.key(.character("a"))) { $0.analysisView = AnalysisViewState(rolloutID: Fixture.canary.id) }
            await store.send(.key(.character("q"))) { $0.analysisView = nil }
            await store.finish()
        }
    }

    /// The moving keys scroll the analysis, never before its first line or past its last page.
    @Test func theAnalysisScrollsWithinItsLines() async {
        var initial = analysedState()
        initial.analysisView = AnalysisViewState(rolloutID: Fixture.canary.id)
        let last = AnalysisView.maximumScroll(initial)
        #expect(last > 5, "the fixture's analysis is taller than the frame")
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        await store.send(.key(.up))
        await store.send(.key(.down)) { $0.analysisView?.scroll = 1 }
        await store.send(.key(.pageDown)) { $0.analysisView?.scroll = min(last, 1 + AnalysisView.visibleRows(initial) - 1) }
        await store.send(.key(.end)) { $0.analysisView?.scroll = last }
        await store.send(.key(.down))
        await store.send(.key(.home)) { $0.analysisView?.scroll = 0 }
        await store.finish()
    }

    /// A rollback from the analysis asks first, about the rollout shown; cancelling it leaves
    /// the analysis open.
    @Test func aRollbackFromTheAnalysisAsksAboutTheRolloutShown() async {
        var initial = analysedState()
        initial.analysisView = AnalysisViewState(rolloutID: Fixture.canary.id)
        let store = TestStore(initialState: initial, reducer: DashboardReducer(environment: environment()))
        let expected = OperatorCommand(
            kind: .rollback, rolloutID: Fixture.canary.id, service: "checkout", reason: nil, actor: "operator:test", idempotencyKey: "test-1")
        await store.send(.key(.character("R"))) {
            $0.commandsIssued = 1
            $0.confirmation = PendingCommand(command: expected, rollout: initial.rollouts[0])
        }
        await store.send(.key(.character("n"))) {
            $0.confirmation = nil
            $0.flash = Flash(id: 1, text: "cancelled", severity: .info)
            $0.nextFlashID = 2
        }
        await clock.advance(by: .seconds(5))
        await store.receive(.flashExpired(1)) { $0.flash = nil }
        await store.finish()
        #expect(controlPlane.commands.isEmpty)
    }
}
