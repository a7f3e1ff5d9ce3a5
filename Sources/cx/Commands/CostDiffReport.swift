import CygniAWS
import CygniDashboard
import CygniModel
import Foundation

/// The JSON of `cx cost diff`: the figures, the rates behind them and where those came from.
/// "fallbackReason" is null when the Pricing API answered, and says why it was not used otherwise.
struct CostDiffReport: Encodable {
    struct Rates: Encodable {
        var vCPUHour: Double
        var gbHour: Double
        var storageGBHour: Double
    }

    var hourlyBefore: Double
    var hourlyAfter: Double
    var hourlyDelta: Double
    var monthlyDelta: Double
    var hoursPerMonth: Double
    var rates: Rates
    /// "AWS Pricing API" or "built-in table".
    var priceSource: String
    /// The day the API was asked, or the table's date.
    var priceDate: String
    var priceRegion: String
    var region: String
    var fallbackReason: JSONNullable<String>
    var notes: [String]

    init(quote: FargatePriceQuote, region: String, before: Double, after: Double) {
        hourlyBefore = before
        hourlyAfter = after
        hourlyDelta = after - before
        hoursPerMonth = FargatePriceTable.hoursPerMonth
        monthlyDelta = hourlyDelta * hoursPerMonth
        rates = Rates(vCPUHour: quote.table.vCPUHour, gbHour: quote.table.gbHour, storageGBHour: quote.table.storageGBHour)
        self.region = region
        priceRegion = quote.region
        notes = quote.notes
        switch quote.source {
        case .pricingAPI(let fetchedAt):
            (priceSource, priceDate, fallbackReason) = ("AWS Pricing API", Self.day(fetchedAt), JSONNullable(nil))
        case .builtInTable(let reason):
            (priceSource, priceDate, fallbackReason) = ("built-in table", FargatePriceTable.date, JSONNullable(reason))
        }
    }

    /// "2026-11-26" in UTC.
    static func day(_ date: Date) -> String {
        String(HeadlessOutput.timestamp(date).prefix(10))
    }
}
