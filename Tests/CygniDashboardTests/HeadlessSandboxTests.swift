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
