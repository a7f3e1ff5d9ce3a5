import CygniClients
import CygniModel
import CygniSandbox
import Foundation
import Testing
@testable import CygniDashboard

/// `cx traces`, `cx logs --trace`, `cx cost`, `cx cost diff` and `cx doctor` on the sandbox: the
/// reports the commands print, built from the same client calls, against golden JSON files.
struct HeadlessCommandReportTests {
    /// The sandbox's clients at virtual time `at`, as `cx ... --seed --scenario --at` builds them.
    func clients(_ scenario: Scenario = .canaryFail, seed: UInt64 = 7, at seconds: Double = 600) -> Clients {
        let world = SandboxWorld(configuration: SandboxConfiguration(seed: seed, scenario: scenario))
        return Clients.sandbox(world: world, time: .fixed(seconds: seconds), label: "sandbox seed \(seed) · \(scenario.rawValue)")
    }

    /// What each command prints with --json, in command order.
    func outputs(_ clients: Clients) async throws -> [String] {
        let traces = try await TracesReport.load(clients, lookback: 15 * 60, service: nil, errorsOnly: true, limit: 5)
        let trace = try #require(traces.traces.first.flatMap { TraceID($0.id) }, "the canary-fail world has failed traces by 600 s")
        var logs: [String] = []
        TraceLogsReport(try await clients.traceSearch.logs(TraceLogQuery(trace: trace, limit: 100_000)), trace: trace)
            .writeJSON { logs.append($0) }
        let spend = SpendReport(
            try await clients.spend.spend(SpendQuery(days: 7, grouping: .tag("aws:ecs:serviceName"))), awsUsage: try await clients.awsUsage.report())
        let diff = CostDiffReport(
            await clients.prices.fargate(FargatePriceRequest(architecture: .x86)), architecture: .x86,
            before: CostDiffReport.Fleet(vCPU: 0.5, memoryGB: 1, count: 6), after: CostDiffReport.Fleet(vCPU: 1, memoryGB: 2, count: 6))
        let doctor = DoctorReport(await clients.doctor.run(15))
        return [traces.json(), logs.joined(separator: "\n"), spend.json(), diff.json(), doctor.json()]
    }

    @Test func theReportsMatchTheirGoldenFiles() async throws {
        let names = ["traces", "logs-trace", "cost", "cost-diff", "doctor"]
        for (name, output) in zip(names, try await outputs(clients())) {
            Golden.check(output, named: "command-\(name)", ext: "json")
        }
    }

    @Test func aUsageThatCouldNotBeReadIsNullAndANoteSaysWhy() async throws {
        let answer = try await clients().spend.spend(SpendQuery(days: 7, grouping: .service))
        let report = SpendReport(answer, usageUnavailable: "cygnid at 127.0.0.1:7070 is unreachable")
        #expect(report.awsUsage.value == nil)
        #expect(report.notes.last == "AWS usage unavailable: cygnid at 127.0.0.1:7070 is unreachable")
        #expect(report.json().contains(#""awsUsage" : null"#) || report.json().contains(#""awsUsage":null"#), "\(report.json())")
        #expect(report.text(now: Date()).contains("note: AWS usage unavailable: cygnid at 127.0.0.1:7070 is unreachable"))
    }

    @Test func theSameSeedScenarioAndTimeGiveTheSameBytes() async throws {
        let first = try await outputs(clients())
        let second = try await outputs(clients())
        #expect(first == second)
        // Another seed tells another story; the fixed price quote is the same in every world.
        let other = try await outputs(clients(seed: 8))
        for index in [0, 1, 2, 4] { #expect(first[index] != other[index], "output \(index) ignores the seed") }
    }

    @Test func theLogsOfATraceAreTheOnesThePaneShows() async throws {
        let clients = clients()
        let traces = try await TracesReport.load(clients, lookback: 15 * 60, service: nil, errorsOnly: false, limit: 20)
        for overview in traces.traces {
            let trace = try #require(TraceID(overview.id))
            let search = try await clients.traceSearch.logs(TraceLogQuery(trace: trace, limit: TraceLogQuery.paneLimit))
            #expect(try await clients.telemetry.logsForTrace(trace, nil) == search.events)
            #expect(search.events.allSatisfy { $0.traceID == trace })
            #expect(search.groups.allSatisfy { $0.hasPrefix("/ecs/production/") })
        }
    }

    @Test func tracesAreNewestFirstWithinTheWindowAndFiltered() async throws {
        let clients = clients(at: 900)
        let now = await clients.clock.now()
        let all = try await TracesReport.load(clients, lookback: 60, service: nil, errorsOnly: false, limit: 10_000).traces
        #expect(!all.isEmpty)
        let starts = all.compactMap(\.start)
        #expect(starts.count == all.count && starts == starts.sorted(by: >))
        #expect(starts.allSatisfy { $0 >= now.addingTimeInterval(-60) && $0 <= now })
        let checkout = try await TracesReport.load(clients, lookback: 60, service: "checkout", errorsOnly: true, limit: 3).traces
        #expect(checkout.count <= 3 && checkout.allSatisfy { $0.rootService == "checkout" && ($0.error || $0.fault) })
    }

    @Test func aLimitedSearchSaysItWasCut() async throws {
        let clients = clients()
        let trace = try #require(try await TracesReport.load(clients, lookback: 900, service: nil, errorsOnly: false, limit: 1)
            .traces.first.flatMap { TraceID($0.id) })
        let whole = try await clients.traceSearch.logs(TraceLogQuery(trace: trace, limit: 100))
        #expect(whole.events.count > 1 && !whole.reachedLimit)
        let cut = try await clients.traceSearch.logs(TraceLogQuery(trace: trace, limit: 1))
        #expect(cut.events == Array(whole.events.prefix(1)) && cut.reachedLimit)
        let elsewhere = try await clients.traceSearch.logs(TraceLogQuery(trace: trace, groups: ["/ecs/nowhere"], limit: 100))
        #expect(elsewhere.events.isEmpty && elsewhere.notes.contains { $0.contains("/ecs/nowhere") })
    }

    /// The sandbox says what it is: simulated spend, no Pricing API, no AWS checked.
    @Test func theSandboxSaysWhatItSimulates() async throws {
        let clients = clients()
        let spend = try await clients.spend.spend(SpendQuery(days: 60, grouping: .service))
        #expect(spend.notes.contains { $0.hasPrefix("sandbox: simulated") })
        #expect(spend.notes.contains { $0.contains("--days 60 covers the last 30") })
        #expect(spend.usage.groups.map(\.key) == ["Amazon Elastic Container Service"])
        #expect(abs(spend.usage.total - spend.usage.days.reduce(0) { $0 + $1.amount }) < 1e-9)
        let untagged = try await clients.spend.spend(SpendQuery(days: 3, grouping: .tag("team")))
        #expect(untagged.usage.groups.map(\.key) == ["team$"])
        let price = await clients.prices.fargate(FargatePriceRequest(architecture: .arm))
        #expect(price.quote.source == .builtInTable(reason: "the sandbox has no Pricing API"))
        let doctor = await clients.doctor.run(15)
        #expect(doctor.first?.detail.contains("embedded sandbox") == true)
        #expect(doctor.first { $0.name == "aws" }?.status == .warn)
        #expect(!doctor.contains { $0.status == .fail })
    }
}
