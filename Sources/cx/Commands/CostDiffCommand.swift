import ArgumentParser
import CygniAWS
import CygniDashboard
import CygniModel
import Foundation

struct CostDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Hourly and monthly cost of moving Fargate tasks from one size or count to another.",
        discussion: """
            Prices come from the AWS Pricing API (GetProducts, AmazonECS, the region's Linux \
            on-demand rates), asked for at most \(Int(priceDeadline)) seconds. When it cannot be used \
            (no credentials, denied, unreachable, slow, no usable prices) or with --offline, the \
            built-in table of \(FargatePriceTable.date) (\(FargatePriceTable.region)) is used instead. \
            The output always says which, and why.
            """
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

    @Option(name: .customLong("from-count"), help: "Tasks now (default: --count when --from-cpu or --from-memory is given, a resize; else 0, a new service).")
    var fromCount: Int?

    @Option(help: "CPU architecture: x86 or arm.")
    var arch: String = "x86"

    @Option(help: "Region of the tasks, whose prices are asked for (default: the AWS configuration's region, else us-east-1).")
    var region: String?

    @Flag(help: "Use the built-in price table; do not ask the Pricing API.")
    var offline = false

    @Option(help: "AWS profile for the Pricing API (as in ~/.aws/config); wins over AWS_PROFILE.")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Endpoint URL for the Pricing API (http:// only for loopback).")
    var endpointURL: String?

    @Flag(help: """
        Print JSON: {"hourlyBefore", "hourlyAfter", "hourlyDelta", "monthlyDelta", "hoursPerMonth", "rates", "priceSource", \
        "priceDate", "priceRegion", "region", "fallbackReason", "notes"}.
        """)
    var json = false

    /// Seconds the Pricing API may take, retries included, before the built-in table is used.
    static let priceDeadline = 5.0

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
        if let endpointURL, Endpoint(endpointURL) == nil {
            throw ValidationError("--endpoint-url must be an http(s) URL, not \"\(endpointURL)\"")
        }
        if let region, region.isEmpty || !region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw ValidationError("--region takes a region code such as eu-west-1, not \"\(region)\"")
        }
    }

    func run() async throws {
        let architecture = FargatePriceTable.Architecture(rawValue: arch)!
        let configuration = AWSConfiguration.resolve(ConfigurationOverrides(profile: profile, endpointURL: endpointURL))
        let region = self.region ?? configuration.region ?? FargatePriceTable.region
        let quote: FargatePriceQuote
        if offline {
            quote = .builtIn(architecture, reason: "--offline")
        } else {
            // Short timeouts and quick retries: an estimate from the table now beats a live one later.
            let client = AWSClient(
                configuration: configuration, retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: 0.25, maxBackoff: 1),
                transferOptions: TransferOptions(connectTimeout: 2, timeout: 4)
            )
            quote = await FargatePriceQuote.fetch(PricingClient(client), region: region, architecture: architecture, deadline: Self.priceDeadline)
        }
        let report = CostDiffReport(
            quote: quote, region: region,
            before: quote.table.hourly(vCPU: fromCPU ?? cpu, memoryGB: fromMemory ?? memory, count: tasksBefore),
            after: quote.table.hourly(vCPU: cpu, memoryGB: memory, count: count)
        )
        if json {
            print(HeadlessOutput.json(report))
            return
        }
        let sign = report.hourlyDelta >= 0 ? "+" : "-"
        print(String(format: "%@$%.5f per hour, %@$%.2f per month (%.0f h)", sign, abs(report.hourlyDelta), sign, abs(report.monthlyDelta), report.hoursPerMonth))
        print(String(format: "before $%.5f/h, after $%.5f/h", report.hourlyBefore, report.hourlyAfter))
        print(sourceLine(quote, region: region))
        for note in quote.notes { print("note: \(HeadlessOutput.clean(note))") }
    }

    private func sourceLine(_ quote: FargatePriceQuote, region: String) -> String {
        let rates = String(format: "$%.5f per vCPU-hour, $%.6f per GB-hour", quote.table.vCPUHour, quote.table.gbHour)
        switch quote.source {
        case .pricingAPI(let fetchedAt):
            return "prices: AWS Pricing API, fetched \(CostDiffReport.day(fetchedAt)) (\(HeadlessOutput.clean(region)) Linux/\(arch) on-demand: \(rates))"
        case .builtInTable(let reason):
            var line = "prices: built-in Fargate \(arch) table of \(FargatePriceTable.date) (\(FargatePriceTable.region) list prices: \(rates)); "
                + "fallback because: \(HeadlessOutput.clean(reason))"
            if region != FargatePriceTable.region { line += "; \(HeadlessOutput.clean(region)) prices differ by a few percent" }
            return line
        }
    }
}
