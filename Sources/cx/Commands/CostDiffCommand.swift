import ArgumentParser
import CygniAWS
import CygniDashboard
import CygniModel
import Foundation

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
