import ArgumentParser
import CygniClients
import CygniDashboard
import CygniModel
import Foundation

/// `cx cost`: spend (the sandbox's simulated spend, or Cost Explorer's); `cx cost diff`: what a
/// change of task size or count costs.
struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Spend (on AWS from Cost Explorer, cached for an hour: each request costs $0.01), or the cost of a change.",
        subcommands: [CostSpendCommand.self, CostDiffCommand.self],
        defaultSubcommand: CostSpendCommand.self
    )
}

struct CostSpendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Total, per day and per group over the last --days, and the forecast to the month's end."
    )

    @OptionGroup var moment: SourceMoment

    @Option(help: "Days to look back (1-365), today included.")
    var days: Int = 30

    @Option(help: "Group by: service, or tag:KEY.")
    var by: String = "service"

    @Flag(help: "AWS: ask Cost Explorer even when an answer less than an hour old is cached.")
    var refresh = false

    @Flag(help: """
        Print JSON: {"total", "currency", "start", "end", "days", "groups", "forecast", "forecastUnavailable", "cached", \
        "fetchedAt", "truncated", "notes", "awsUsage"}; "forecast" is null when "forecastUnavailable" says why. "awsUsage": what \
        this cx (or the cygnid it asks) has asked AWS for since it started: {"asker", "asksAWS", "since", "hours", "totalRequests", \
        "requests": [{"api", "count"}], "perHour", "units", "estimatedDollars", "priceTableDate", "note"}, an estimate at dated list prices.
        """)
    var json = false

    func validate() throws {
        guard (1...365).contains(days) else { throw ValidationError("--days must be 1-365") }
        _ = try grouping()
    }

    func grouping() throws -> CostGrouping {
        guard let grouping = CostGrouping(argument: by) else { throw ValidationError("--by takes service or tag:KEY, not \"\(by)\"") }
        return grouping
    }

    func run() async throws {
        let clients = try moment.clients(cost: true, needsRegion: false)
        let answer: SpendAnswer
        do {
            answer = try await clients.spend.spend(SpendQuery(days: days, grouping: try grouping(), refresh: refresh))
        } catch {
            printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        // Read after the spend, so the Cost Explorer requests just made are counted.
        let report: SpendReport
        do {
            report = SpendReport(answer, awsUsage: try await clients.awsUsage.report())
        } catch {
            report = SpendReport(answer, usageUnavailable: HeadlessOutput.clean(String(describing: error)))
        }
        print(json ? report.json() : report.text(now: Date()))
    }
}
