import CygniClients
import CygniModel
import CygniSandbox
import CygniTerminal
import Foundation
import Testing
@testable import CygniDashboard

/// The console over the real sandbox, headless: what `cx snapshot` and `cx status` do.
@MainActor
struct HeadlessSandboxTests {
    func run(_ scenario: Scenario, seed: UInt64 = 11, at seconds: Double, keys: [Key] = [], width: Int = 150, height: Int = 44) async -> (DashboardState, Buffer) {
        let world = SandboxWorld(configuration: SandboxConfiguration(seed: seed, scenario: scenario))
        let clients = Clients.sandbox(world: world, time: .fixed(seconds: seconds), label: "sandbox seed \(seed) · \(scenario.rawValue)")
        let environment = DashboardEnvironment(
            clients: clients, clock: ContinuousClock(),
            loadTheme: { _ in .success(Fixture.theme) }, loadKeymap: { _ in .success(Fixture.keymap) }, actor: "operator:test"
        )
        var state = Fixture.state()
        state.source = clients.source
        // The whole suite keeps this machine's two cores busy: give each step time to settle.
        return await HeadlessSession.run(
            initialState: state, environment: environment, keys: keys, width: width, height: height, settleTimeout: .seconds(120))
    }

    @Test func sameSeedScenarioAndTimeGiveTheSameFrame() async {
        let first = await run(.canaryFail, at: 600).1
        let second = await run(.canaryFail, at: 600).1
        #expect(first == second)
        let other = await run(.canaryFail, seed: 12, at: 600).1
        #expect(first != other)
    }

    @Test(arguments: Scenario.allCases)
    func everyScenarioFillsEveryPane(scenario: Scenario) async {
        let (state, frame) = await run(scenario, at: 900)
        let text = frame.plainText
        for pane in PaneID.allCases { #expect(text.contains(" \(pane.title)"), "\(scenario): no \(pane.title)") }
        #expect(state.connection == .live)
        #expect(!state.slos.isEmpty)
        #expect(!state.traces.isEmpty)
        #expect(!state.logs.isEmpty)
        #expect(state.cost != nil)
        for rollout in state.rollouts { #expect(rollout.traffic.stable + rollout.traffic.canary == 100) }
        if scenario == .steady {
            #expect(state.rollouts.allSatisfy { !$0.isActive })
        } else {
            #expect(!state.rollouts.isEmpty)
        }
    }

    @Test func rollbackByKeysReachesTheTimeline() async throws {
        let (state, frame) = await run(.canaryPass, at: 400, keys: [.character("R"), .character("y")])
        let rollout = try #require(state.rollouts.first { $0.service == "checkout" })
        #expect([.rollingBack, .rolledBack].contains(rollout.phase))
        #expect(rollout.traffic.stable == 100)
        #expect(rollout.events.contains { $0.kind == .operatorAction })
        #expect(frame.plainText.contains("rollingBack") || frame.plainText.contains("rolledBack"))
    }

    @Test func statusReportUsesTheContractNames() async throws {
        let (state, _) = await run(.canaryFail, at: 1800)
        let json = StatusReport(state: state).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rollouts = try #require(object["rollouts"] as? [[String: Any]])
        let checkout = try #require(rollouts.first { $0["service"] as? String == "checkout" })
        #expect(checkout["phase"] as? String == "rolledBack")
        #expect(checkout["verdict"] as? String == "fail")
        #expect((checkout["reason"] as? String)?.isEmpty == false)
        #expect(StatusReport(state: state).json() == json)
    }

    /// Enter on the Timeline's selected rollout opens its analysis: a canary passing step 2 and
    /// baking step 3, one marginal at every step and rolled back, one failed at 5% on 5xx.
    @Test(arguments: [(Scenario.canaryPass, 700.0, Verdict.pass), (.canaryMarginal, 1_100, .marginal), (.canaryFail, 600, .fail)])
    func theAnalysisViewAt80x24(scenario: Scenario, at seconds: Double, verdict: Verdict) async throws {
        let (state, frame) = await run(scenario, at: seconds, keys: [.enter], width: 80, height: 24)
        let latest = try #require(state.analysedRollout?.analysis?.latest, "\(scenario): no judgement at \(seconds) s")
        #expect(latest.verdict == verdict)
        let text = frame.plainText
        #expect(text.contains("Analysis · checkout"))
        #expect(text.contains(verdict.rawValue.uppercased()))
        Golden.check(text, named: "analysis-\(scenario.rawValue)-80x24")
    }

    /// Wide, the whole analysis fits: metrics, thresholds, burn pairs, older judgements; at
    /// 10x5 the console says it is too small instead of crashing.
    @Test func theAnalysisViewWideAndTooSmall() async throws {
        let (_, wide) = await run(.canaryMarginal, at: 1_100, keys: [.enter], width: 160, height: 48)
        let text = wide.plainText
        for section in ["Metrics at step 3", "Threshold checks", "SLO burn", "Older judgements", "✗ latency_ms  HIGH"] {
            #expect(text.contains(section), "no \(section):\n\(text)")
        }
        Golden.check(text, named: "analysis-canary-marginal-160x48")
        let (state, tiny) = await run(.canaryFail, at: 600, keys: [.enter], width: 10, height: 5)
        #expect(state.analysisView != nil)
        #expect(tiny.plainText.contains("too"))
    }

    /// `cx status --json` carries the engine's decision itself: the verdict, score and reason
    /// the engine wrote on the Timeline when it judged, the failing metric it named, its p-value.
    @Test func statusJSONCarriesTheEvidenceTheEngineDecidedWith() async throws {
        let (state, _) = await run(.canaryFail, at: 1_800)
        let rollout = try #require(state.rollouts.first { $0.service == "checkout" })
        let judged = try #require(rollout.events.last { $0.kind == .analysis && $0.message.hasPrefix("analysis fail") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(StatusReport(state: state).json().utf8)) as? [String: Any])
        let entries = try #require(object["rollouts"] as? [[String: Any]])
        let checkout = try #require(entries.first { $0["service"] as? String == "checkout" })
        let analysis = try #require(checkout["analysis"] as? [String: Any])
        let latest = try #require(analysis["latest"] as? [String: Any])
        let reason = try #require(latest["reason"] as? String)
        #expect(latest["verdict"] as? String == "fail" && checkout["verdict"] as? String == "fail")
        #expect(judged.message.hasSuffix(": \(reason)"), "the Timeline says \(judged.message)")
        #expect((checkout["reason"] as? String)?.hasSuffix(reason) == true)
        #expect(latest["score"] as? Double == 0)
        let metrics = try #require(latest["metrics"] as? [[String: Any]])
        let failing = metrics.filter { ["high", "low"].contains($0["classification"] as? String) }
        #expect(failing.map { $0["name"] as? String } == ["error_rate"])
        let p = try #require(failing.first?["pValue"] as? Double)
        #expect(reason.contains("p=\(String(format: "%.2g", p))"), "\(reason)")
        #expect(p < analysis["significanceLevel"] as? Double ?? 0)
        #expect((failing.first?["canary"] as? [String: Any])?["recent"] as? [Double] != nil)
        // A rollout from before the sandbox began has no analysis, and says why.
        let older = try #require(entries.first { $0["service"] as? String == "catalog" })
        #expect(older["analysis"] is NSNull)
        #expect((older["analysisNote"] as? String)?.contains("ended before the sandbox began") == true)
    }

    @Test func sloReportHasTheContractShapeAndTheBurnRollsBack() async throws {
        // The engine's hour-long window starts full of the service's healthy history, so the burn
        // needs a quarter of an hour or so to page (the workbook's 2% of the budget).
        let (state, _) = await run(.sloBurn, at: 1_500)
        let report = SLOReport(state: state)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let slos = try #require(object["slos"] as? [[String: Any]])
        let first = try #require(slos.first)
        for field in ["service", "name", "objective", "sli", "budgetRemaining", "burnRates", "alert", "lowTraffic"] {
            #expect(first.keys.contains(field), "missing \(field)")
        }
        #expect((first["burnRates"] as? [[String: Any]])?.count == 4)
        // The engine rolled the new version back for the burn, naming the SLO and the rate,
        // and the SLO pane shows the engine's own view of that SLO: paging when it decided.
        let checkout = try #require(state.rollouts.first { $0.service == "checkout" })
        #expect(checkout.phase == .rolledBack)
        #expect(checkout.reason?.contains("SLO availability") == true)
        let judged = try #require(state.slos.first { $0.service == "checkout" && $0.name.hasPrefix("availability (eu-west-1 rollout") })
        #expect(judged.alert == .page)
        #expect(report.anyPaging)
        let (quiet, _) = await run(.steady, at: 600)
        #expect(!SLOReport(state: quiet).anyPaging)
    }

    @Test func anOOMLoopRollsBackWithAMemoryRecommendationInTheTimeline() async throws {
        for seed: UInt64 in [11, 12, 13] {
            let (state, _) = await run(.outOfMemory, seed: seed, at: 600)
            let checkout = try #require(state.rollouts.first { $0.service == "checkout" })
            #expect(checkout.phase == .rolledBack)
            #expect(checkout.reason?.contains("crash-looping") == true)
            #expect(checkout.reason?.contains("OutOfMemoryError") == true)
            let advice = try #require(checkout.events.first { $0.message.hasPrefix("recommendation:") })
            #expect(advice.message.contains("raise memory"))
            #expect(advice.message.contains("per month"))
        }
    }
}
