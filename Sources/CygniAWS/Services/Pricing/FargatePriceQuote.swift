import CygniModel
import Foundation

/// The Fargate rates a cost estimate uses and where they came from: the Pricing API, or the
/// built-in dated table with the reason the API was not used. Never fails: an estimate from the
/// table, said to be one, beats no estimate.
public struct FargatePriceQuote: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case pricingAPI(fetchedAt: Date)
        case builtInTable(reason: String)
    }

    public var table: FargatePriceTable
    public var source: Source
    /// The region the rates are for: the one asked for from the API, the table's own otherwise.
    public var region: String
    /// Documents skipped, rates missing or ambiguous: what a reader of the figures should know.
    public var notes: [String]

    public init(table: FargatePriceTable, source: Source, region: String, notes: [String] = []) {
        self.table = table
        self.source = source
        self.region = region
        self.notes = notes
    }

    public static func builtIn(_ architecture: FargatePriceTable.Architecture, reason: String, notes: [String] = []) -> FargatePriceQuote {
        FargatePriceQuote(
            table: .builtIn(architecture), source: .builtInTable(reason: reason), region: FargatePriceTable.region, notes: notes
        )
    }

    /// Asks the Pricing API for the region's rates within `deadline` seconds; falls back to the
    /// built-in table when it cannot be reached, refuses, is slow, or has no usable Fargate prices.
    public static func fetch(
        _ pricing: PricingClient, region: String, architecture: FargatePriceTable.Architecture, deadline: Double,
        now: @escaping @Sendable () -> Date = Date.init
    ) async -> FargatePriceQuote {
        let request = GetProductsRequest.ecs([.region(region)])
        let list: PriceList
        do {
            guard let answer = try await withDeadline(seconds: deadline, { try await pricing.products(request) }) else {
                return .builtIn(architecture, reason: UnavailableReason.timedOut("the Pricing API", seconds: deadline))
            }
            list = answer
        } catch {
            return .builtIn(architecture, reason: UnavailableReason.describe(error, service: "the Pricing API", operation: "pricing:GetProducts"))
        }
        let rates = FargateRates(list.products, region: region, architecture: architecture)
        var notes = list.skipped
        if list.truncated { notes.append("stopped after \(request.maxProducts) price documents") }
        notes += rates.notes
        guard let table = rates.table else {
            return .builtIn(
                architecture, reason: "the Pricing API has no usable Fargate \(architecture.rawValue) prices for \(region)", notes: notes
            )
        }
        return FargatePriceQuote(table: table, source: .pricingAPI(fetchedAt: now()), region: region, notes: notes)
    }
}
