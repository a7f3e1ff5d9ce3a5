import ArgumentParser
import CygniAWS
import CygniDashboard
import CygniModel
import Foundation

/// `cx cost`: spend from Cost Explorer; `cx cost diff`: what a change of task size or count costs.
struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Spend from Cost Explorer (cached for an hour: each request costs $0.01), or the cost of a change.",
        subcommands: [CostSpendCommand.self, CostDiffCommand.self],
        defaultSubcommand: CostSpendCommand.self
    )
}

struct CostSpendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Total, per day and per group over the last --days, and the forecast to the month's end, from Cost Explorer."
    )

    @OptionGroup var aws: AWSOptions

    @Option(help: "Days to look back (1-365), today included.")
    var days: Int = 30

    @Option(help: "Group by: service, or tag:KEY.")
    var by: String = "service"

    @Flag(help: "Ask Cost Explorer even when an answer less than an hour old is cached.")
    var refresh = false

    @Flag(help: """
        Print JSON: {"total", "currency", "start", "end", "days", "groups", "forecast", "forecastUnavailable", "cached", \
        "fetchedAt"}; "forecast" is null when "forecastUnavailable" says why.
        """)
    var json = false

    func validate() throws {
        guard (1...365).contains(days) else { throw ValidationError("--days must be 1-365") }
        _ = try grouping()
    }

    func grouping() throws -> CostGrouping {
        if by == "service" { return .service }
        if by.hasPrefix("tag:"), by.count > 4 { return .tag(String(by.dropFirst(4))) }
        throw ValidationError("--by takes service or tag:KEY, not \"\(by)\"")
    }

    func run() async throws {
        let end = Date().addingTimeInterval(86_400)  // End is exclusive: include today
        let start = end.addingTimeInterval(-Double(days) * 86_400)
        // Keyed by everything that picks the account and the query: two accounts must never
        // share an answer.
        let client = aws.client()
        let cache = CostCache(key: [client.configuration.accountFingerprint, "\(days)", by].joined(separator: "|"))
        var report: CostCache.Entry
        if !refresh, let cached = cache.read(maxAge: 3600) {
            report = cached
            report.cached = true
        } else {
            let costExplorer = CostExplorerClient(client)
            // Asked alongside the spend; whatever becomes of it, the spend is still reported.
            async let forecast = MonthEndForecast.fetch(costExplorer, now: Date(), deadline: Self.forecastDeadline)
            do {
                let result = try await costExplorer.costAndUsage(start: start, end: end, groupBy: try grouping())
                report = CostCache.Entry(result: result, forecast: await forecast, fetchedAt: Date(), cached: false)
                cache.write(report)
            } catch {
                printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
                throw ExitCode(1)
            }
        }
        if json {
            print(HeadlessOutput.json(SpendReport(report)))
            return
        }
        let result = report.result
        let age = report.cached ? " (cached \(Int(Date().timeIntervalSince(report.fetchedAt) / 60)) min ago)" : ""
        print("total \(HeadlessOutput.clean(money(result.total, result.currency))) from \(result.start) to \(result.end) (end exclusive)\(age)")
        print(Self.forecastLine(report.forecast))
        if result.truncated == true {
            print("note: Cost Explorer had more pages than cx reads (each costs $0.01); the figures above are partial: narrow --days")
        }
        var groups = [["GROUP", "SPEND"]]
        for group in result.groups { groups.append([group.key, money(group.amount, result.currency)]) }
        print(HeadlessOutput.table(groups, rightAligned: [1]))
        var daily = [["DAY", "SPEND"]]
        for day in result.days { daily.append([day.date + (day.estimated ? " (estimated)" : ""), money(day.amount, result.currency)]) }
        print(HeadlessOutput.table(daily, rightAligned: [1]))
    }

    /// Seconds the forecast may take: it must never hold up the spend for long.
    static let forecastDeadline = 10.0

    /// "forecast to month end: $412.33 (80%: $380.10–$445.90) ..." or why there is none.
    static func forecastLine(_ outcome: MonthEndForecast?) -> String {
        guard let forecast = outcome?.forecast else {
            return "forecast unavailable: \(HeadlessOutput.clean(outcome?.unavailable ?? "not asked"))"
        }
        func amount(_ value: Double) -> String {
            forecast.currency == "USD" ? String(format: "$%.2f", value) : String(format: "%.2f %@", value, HeadlessOutput.clean(forecast.currency))
        }
        var line = "forecast to month end: \(amount(forecast.amount))"
        if let lower = forecast.lower, let upper = forecast.upper, let level = forecast.predictionIntervalLevel {
            line += " (\(level)%: \(amount(lower))–\(amount(upper)))"
        }
        return line + " from \(HeadlessOutput.clean(forecast.start)) to \(HeadlessOutput.clean(forecast.end)) (end exclusive)"
    }

    private func money(_ amount: Double, _ currency: String) -> String {
        String(format: "%.2f %@", amount, currency)
    }
}
