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
        abstract: "Total, per day and per group over the last --days, from Cost Explorer."
    )

    @OptionGroup var aws: AWSOptions

    @Option(help: "Days to look back (1-365), today included.")
    var days: Int = 30

    @Option(help: "Group by: service, or tag:KEY.")
    var by: String = "service"

    @Flag(help: "Ask Cost Explorer even when an answer less than an hour old is cached.")
    var refresh = false

    @Flag(help: "Print JSON: {\"total\", \"currency\", \"start\", \"end\", \"days\", \"groups\", \"cached\", \"fetchedAt\"}.")
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
        // Keyed by everything that picks the account and the query: two profiles, or two sets of
        // keys in the environment, must never share an answer.
        let environment = ProcessInfo.processInfo.environment
        let identity = [aws.profile, aws.region, aws.endpointURL, environment["AWS_PROFILE"], environment["AWS_ACCESS_KEY_ID"],
                        environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], environment["AWS_ENDPOINT_URL"]]
        let cache = CostCache(key: (identity.map { $0 ?? "" } + ["\(days)", by]).joined(separator: "|"))
        var report: CostCache.Entry
        if !refresh, let cached = cache.read(maxAge: 3600) {
            report = cached
            report.cached = true
        } else {
            do {
                let result = try await CostExplorerClient(aws.client()).costAndUsage(start: start, end: end, groupBy: try grouping())
                report = CostCache.Entry(result: result, fetchedAt: Date(), cached: false)
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
        print("total \(money(result.total, result.currency)) from \(result.start) to \(result.end) (end exclusive)\(age)")
        var groups = [["GROUP", "SPEND"]]
        for group in result.groups { groups.append([group.key, money(group.amount, result.currency)]) }
        print(HeadlessOutput.table(groups, rightAligned: [1]))
        var daily = [["DAY", "SPEND"]]
        for day in result.days { daily.append([day.date + (day.estimated ? " (estimated)" : ""), money(day.amount, result.currency)]) }
        print(HeadlessOutput.table(daily, rightAligned: [1]))
    }

    private func money(_ amount: Double, _ currency: String) -> String {
        String(format: "%.2f %@", amount, currency)
    }
}

/// The JSON of `cx cost`: the figures at the top level, and whether they came from the cache.
struct SpendReport: Encodable {
    var total: Double
    var currency: String
    var start: String
    var end: String
    var days: [CostAndUsage.Day]
    var groups: [CostAndUsage.Group]
    var cached: Bool
    var fetchedAt: String

    init(_ entry: CostCache.Entry) {
        total = entry.result.total
        currency = entry.result.currency
        start = entry.result.start
        end = entry.result.end
        days = entry.result.days
        groups = entry.result.groups
        cached = entry.cached
        fetchedAt = HeadlessOutput.timestamp(entry.fetchedAt)
    }
}

/// Cost Explorer answers cached on disk for an hour, under $XDG_CACHE_HOME/cygni.
struct CostCache {
    struct Entry: Codable {
        var result: CostAndUsage
        var fetchedAt: Date
        var cached: Bool
    }

    let path: String

    init(key: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache")
        // A stable name for the query (FNV-1a): the same flags find the same file.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        path = "\(base)/cygni/cost-\(String(hash, radix: 16)).json"
    }

    func read(maxAge: TimeInterval) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let entry = try? decoder.decode(Entry.self, from: data), Date().timeIntervalSince(entry.fetchedAt) < maxAge else { return nil }
        return entry
    }

    func write(_ entry: Entry) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(entry) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
    }
}

struct CostDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Hourly and monthly cost of moving Fargate tasks from one size or count to another."
    )

    @Option(help: "vCPU per task after the change (0.25-16).")
    var cpu: Double

    @Option(help: "Memory per task after the change, in GB.")
    var memory: Double

    @Option(help: "Tasks after the change.")
    var count: Int

    @Option(name: .customLong("from-cpu"), help: "vCPU per task now (default: the same as --cpu).")
    var fromCPU: Double?

    @Option(name: .customLong("from-memory"), help: "Memory per task now, in GB (default: the same as --memory).")
    var fromMemory: Double?

    @Option(name: .customLong("from-count"), help: "Tasks now (default: 0, a new service).")
    var fromCount: Int?

    @Option(help: "CPU architecture: x86 or arm.")
    var arch: String = "x86"

    @Option(help: "Region of the tasks.")
    var region: String = "us-east-1"

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        for (name, value) in [("--cpu", cpu), ("--from-cpu", fromCPU ?? cpu)] where !(0.25...16).contains(value) {
            throw ValidationError("\(name) must be between 0.25 and 16 vCPU")
        }
        for (name, value) in [("--memory", memory), ("--from-memory", fromMemory ?? memory)] where !(0.5...120).contains(value) {
            throw ValidationError("\(name) must be between 0.5 and 120 GB")
        }
        guard count >= 0, (fromCount ?? 0) >= 0 else { throw ValidationError("--count and --from-count must be 0 or more") }
        guard FargatePriceTable.Architecture(rawValue: arch) != nil else { throw ValidationError("--arch takes x86 or arm") }
    }

    struct Report: Encodable {
        var hourlyBefore: Double
        var hourlyAfter: Double
        var hourlyDelta: Double
        var monthlyDelta: Double
        var hoursPerMonth: Double
        var priceSource: String
        var priceDate: String
        var priceRegion: String
        var region: String
    }

    func run() async throws {
        let prices = FargatePriceTable.builtIn(FargatePriceTable.Architecture(rawValue: arch)!)
        let before = prices.hourly(vCPU: fromCPU ?? cpu, memoryGB: fromMemory ?? memory, count: fromCount ?? 0)
        let after = prices.hourly(vCPU: cpu, memoryGB: memory, count: count)
        let report = Report(
            hourlyBefore: before, hourlyAfter: after, hourlyDelta: after - before,
            monthlyDelta: (after - before) * FargatePriceTable.hoursPerMonth, hoursPerMonth: FargatePriceTable.hoursPerMonth,
            priceSource: "built-in table", priceDate: FargatePriceTable.date, priceRegion: FargatePriceTable.region, region: region
        )
        if json {
            print(HeadlessOutput.json(report))
            return
        }
        let sign = report.hourlyDelta >= 0 ? "+" : "-"
        print(String(format: "%@$%.5f per hour, %@$%.2f per month (%.0f h)", sign, abs(report.hourlyDelta), sign, abs(report.monthlyDelta), report.hoursPerMonth))
        print(String(format: "before $%.5f/h, after $%.5f/h", before, after))
        var source = "prices: built-in Fargate \(arch) table of \(FargatePriceTable.date) (\(FargatePriceTable.region) list prices; the Pricing API is not asked)"
        if region != FargatePriceTable.region { source += "; \(HeadlessOutput.clean(region)) prices differ by a few percent" }
        print(source)
    }
}
