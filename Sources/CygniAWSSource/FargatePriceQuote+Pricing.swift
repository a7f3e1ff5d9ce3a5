import CygniAWS
import CygniModel
import Foundation

extension FargatePriceQuote {
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
