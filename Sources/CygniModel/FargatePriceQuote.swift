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
}

extension FargatePriceQuote {
    /// Where the rates came from as reports say it: "AWS Pricing API" with the day it was asked,
    /// or "built-in table" with the table's date and why it was used.
    public var provenance: (source: String, date: String, fallbackReason: String?) {
        switch source {
        case .pricingAPI(let fetchedAt): return ("AWS Pricing API", UTCDay.string(fetchedAt), nil)
        case .builtInTable(let reason): return ("built-in table", FargatePriceTable.date, reason)
        }
    }
}
