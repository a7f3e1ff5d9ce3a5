import Foundation

/// One product of the AWS price list with its on-demand prices in US dollars, read from one
/// element of GetProducts' `PriceList`: a JSON document serialised into a string.
public struct PriceListProduct: Sendable, Equatable {
    /// One rate of an on-demand offer.
    public struct Price: Sendable, Equatable {
        public var usd: Double
        /// "Hrs", "hours", "GB-Hours" ... as the price list writes it.
        public var unit: String
        /// Tiered prices start at this quantity; flat ones at 0.
        public var beginRange: Double
        public var description: String
    }

    /// Why a price document was left out; says which element, never quotes the whole thing.
    public struct Unreadable: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var sku: String
    public var productFamily: String?
    /// Every attribute whose value is text: `usagetype`, `regionCode`, `location` ...
    public var attributes: [String: String]
    /// Flattened over offers and price dimensions; prices that are not finite, non-negative
    /// US dollar amounts are dropped.
    public var onDemand: [Price]
    public var publicationDate: String?

    public var usageType: String? { attributes["usagetype"] }

    /// Reads one document. Unknown fields are ignored and missing optional ones left empty; a
    /// document that is not JSON, or has no `product`, is `Unreadable`.
    public init(document: String) throws(Unreadable) {
        guard let json = try? JSONValue.parse(Data(document.utf8)), case .object = json else {
            throw Unreadable(description: "not a JSON object")
        }
        guard let product = json["product"], case .object = product else {
            throw Unreadable(description: "no \"product\" object")
        }
        sku = product["sku"]?.string ?? json["terms"]?["OnDemand"]?.object.values.first?["sku"]?.string ?? ""
        productFamily = product["productFamily"]?.string
        attributes = product["attributes"]?.object.compactMapValues(\.string) ?? [:]
        publicationDate = json["publicationDate"]?.string
        var prices: [Price] = []
        for offer in (json["terms"]?["OnDemand"]?.object ?? [:]).values {
            for dimension in (offer["priceDimensions"]?.object ?? [:]).values {
                guard let usd = dimension["pricePerUnit"]?["USD"]?.double, usd.isFinite, usd >= 0 else { continue }
                let begin = dimension["beginRange"]?.double ?? 0
                prices.append(Price(
                    usd: usd, unit: dimension["unit"]?.string ?? "", beginRange: begin.isFinite ? begin : 0,
                    description: dimension["description"]?.string ?? ""
                ))
            }
        }
        // Dictionaries have no order: sort so the same document always reads the same.
        onDemand = prices.sorted { ($0.beginRange, $0.usd, $0.unit) < ($1.beginRange, $1.usd, $1.unit) }
    }

    /// The rate from the first unit on: the only one for flat prices, the first tier of tiered ones.
    public var firstTierUSD: Double? {
        onDemand.first?.usd
    }
}
