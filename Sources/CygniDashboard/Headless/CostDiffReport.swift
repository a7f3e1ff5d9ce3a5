import CygniClients
import CygniModel
import CygniTerminal
import Foundation

/// `cx cost diff`: the figures, the rates behind them and where those came from.
/// "fallbackReason" is null when the Pricing API answered, and says why it was not used otherwise.
public struct CostDiffReport: Encodable, Sendable {
    public struct Rates: Encodable, Sendable {
        public var vCPUHour: Double
        public var gbHour: Double
        public var storageGBHour: Double
    }

    /// A task size and count, before or after the change.
    public typealias Fleet = CostChange.Fleet

    public var hourlyBefore: Double
    public var hourlyAfter: Double
    public var hourlyDelta: Double
    public var monthlyDelta: Double
    public var hoursPerMonth: Double
    public var rates: Rates
    /// "AWS Pricing API" or "built-in table".
    public var priceSource: String
    /// The day the API was asked, or the table's date.
    public var priceDate: String
    public var priceRegion: String
    public var region: String
    public var fallbackReason: JSONNullable<String>
    public var notes: [String]

    private let architecture: FargatePriceTable.Architecture

    private enum CodingKeys: String, CodingKey {
        case hourlyBefore, hourlyAfter, hourlyDelta, monthlyDelta, hoursPerMonth, rates, priceSource, priceDate, priceRegion, region
        case fallbackReason, notes
    }

    public init(_ answer: FargatePriceAnswer, architecture: FargatePriceTable.Architecture, before: Fleet, after: Fleet) {
        let quote = answer.quote
        self.architecture = architecture
        hourlyBefore = quote.table.hourly(vCPU: before.vCPU, memoryGB: before.memoryGB, count: before.count)
        hourlyAfter = quote.table.hourly(vCPU: after.vCPU, memoryGB: after.memoryGB, count: after.count)
        hourlyDelta = hourlyAfter - hourlyBefore
        hoursPerMonth = FargatePriceTable.hoursPerMonth
        monthlyDelta = hourlyDelta * hoursPerMonth
        rates = Rates(vCPUHour: quote.table.vCPUHour, gbHour: quote.table.gbHour, storageGBHour: quote.table.storageGBHour)
        region = answer.region
        priceRegion = quote.region
        notes = quote.notes
        let provenance = quote.provenance
        (priceSource, priceDate, fallbackReason) = (provenance.source, provenance.date, JSONNullable(provenance.fallbackReason))
    }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    /// The delta, the two hourly figures, where the rates came from, and the notes.
    public func text() -> String {
        let sign = hourlyDelta >= 0 ? "+" : "-"
        var lines = [
            String(format: "%@$%.5f per hour, %@$%.2f per month (%.0f h)", sign, abs(hourlyDelta), sign, abs(monthlyDelta), hoursPerMonth),
            String(format: "before $%.5f/h, after $%.5f/h", hourlyBefore, hourlyAfter),
            sourceLine,
        ]
        lines += notes.map { "note: \(Sanitizer.clean($0))" }
        return lines.joined(separator: "\n")
    }

    private var sourceLine: String {
        let prices = String(format: "$%.5f per vCPU-hour, $%.6f per GB-hour", rates.vCPUHour, rates.gbHour)
        let arch = architecture.rawValue
        guard let reason = fallbackReason.value else {
            return "prices: AWS Pricing API, fetched \(priceDate) (\(Sanitizer.clean(region)) Linux/\(arch) on-demand: \(prices))"
        }
        var line = "prices: built-in Fargate \(arch) table of \(FargatePriceTable.date) (\(FargatePriceTable.region) list prices: \(prices)); "
            + "fallback because: \(Sanitizer.clean(reason))"
        if region != FargatePriceTable.region { line += "; \(Sanitizer.clean(region)) prices differ by a few percent" }
        return line
    }
}
