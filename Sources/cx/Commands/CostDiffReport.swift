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
    var fallbackReason: String?
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
            (priceSource, priceDate, fallbackReason) = ("AWS Pricing API", Self.day(fetchedAt), nil)
        case .builtInTable(let reason):
            (priceSource, priceDate, fallbackReason) = ("built-in table", FargatePriceTable.date, reason)
        }
    }

    enum CodingKeys: String, CodingKey {
        case hourlyBefore, hourlyAfter, hourlyDelta, monthlyDelta, hoursPerMonth, rates, priceSource, priceDate, priceRegion, region
        case fallbackReason, notes
    }

    /// By hand so that "fallbackReason" is an explicit null when the API answered.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hourlyBefore, forKey: .hourlyBefore)
        try container.encode(hourlyAfter, forKey: .hourlyAfter)
        try container.encode(hourlyDelta, forKey: .hourlyDelta)
        try container.encode(monthlyDelta, forKey: .monthlyDelta)
        try container.encode(hoursPerMonth, forKey: .hoursPerMonth)
        try container.encode(rates, forKey: .rates)
        try container.encode(priceSource, forKey: .priceSource)
        try container.encode(priceDate, forKey: .priceDate)
        try container.encode(priceRegion, forKey: .priceRegion)
        try container.encode(region, forKey: .region)
        try container.encode(fallbackReason, forKey: .fallbackReason)
        try container.encode(notes, forKey: .notes)
    }

    /// "2026-11-26" in UTC.
    static func day(_ date: Date) -> String {
        String(HeadlessOutput.timestamp(date).prefix(10))
    }
}
