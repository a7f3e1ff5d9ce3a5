import ArgumentParser
import CygniClients
import CygniDashboard
import CygniModel
import Foundation

struct CostDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Hourly and monthly cost of moving Fargate tasks from one size or count to another.",
        discussion: """
            On AWS, prices come from the AWS Pricing API (GetProducts, AmazonECS, the region's Linux on-demand rates), asked for at \
            most \(Int(PriceClient.pricingDeadline)) seconds. When it cannot be used (no credentials, denied, unreachable, slow, no \
            usable prices), with --offline, or on the sandbox, which has no Pricing API, the built-in table of \
            \(FargatePriceTable.date) (\(FargatePriceTable.region)) is used instead. The output always says which, and why.
            """
    )

    @OptionGroup var moment: SourceMoment

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

    @Option(name: .customLong("from-count"), help: "Tasks now (default: --count when --from-cpu or --from-memory is given, a resize; else 0, a new service).")
    var fromCount: Int?

    @Option(help: "CPU architecture: x86 or arm.")
    var arch: String = "x86"

    @Flag(help: "Use the built-in price table; do not ask the Pricing API.")
    var offline = false

    @Flag(help: """
        Print JSON: {"hourlyBefore", "hourlyAfter", "hourlyDelta", "monthlyDelta", "hoursPerMonth", "rates", "priceSource", \
        "priceDate", "priceRegion", "region", "fallbackReason", "notes"}.
        """)
    var json = false

    /// A resize (a --from size given) keeps the task count unless told otherwise; without any
    /// --from option the diff prices a new service.
    var tasksBefore: Int {
        fromCount ?? (fromCPU != nil || fromMemory != nil ? count : 0)
    }

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

    func run() async throws {
        let architecture = FargatePriceTable.Architecture(rawValue: arch)!
        // The tasks' region is --region, else the configuration's: the source resolves it.
        let clients = try moment.clients(cost: false, needsRegion: false)
        let answer = await clients.prices.fargate(FargatePriceRequest(architecture: architecture, offline: offline))
        let report = CostDiffReport(
            answer, architecture: architecture,
            before: CostDiffReport.Fleet(vCPU: fromCPU ?? cpu, memoryGB: fromMemory ?? memory, count: tasksBefore),
            after: CostDiffReport.Fleet(vCPU: cpu, memoryGB: memory, count: count))
        print(json ? report.json() : report.text())
    }
}
