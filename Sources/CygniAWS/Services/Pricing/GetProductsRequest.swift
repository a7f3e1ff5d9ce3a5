/// One attribute condition of a GetProducts query. AWS offers TERM_MATCH (exact value) and the
/// newer match types; the product only needs exact matches.
public struct PricingFilter: Sendable, Equatable {
    public var field: String
    public var value: String
    public var type: String

    public init(field: String, value: String, type: String = "TERM_MATCH") {
        self.field = field
        self.value = value
        self.type = type
    }

    /// Products of one region, by its code ("eu-west-1"): the attribute every price list has,
    /// unlike `location`, whose display names change.
    public static func region(_ code: String) -> PricingFilter {
        PricingFilter(field: "regionCode", value: code)
    }

    /// Products of one usage type, exactly as the price list spells it ("EUW1-Fargate-GB-Hours").
    public static func usageType(_ name: String) -> PricingFilter {
        PricingFilter(field: "usagetype", value: name)
    }

    var json: JSONValue {
        ["Type": .string(type), "Field": .string(field), "Value": .string(value)]
    }
}

/// A Pricing GetProducts query: a service's products matching every filter, fetched page by page.
public struct GetProductsRequest: Sendable, Equatable {
    public var serviceCode: String
    public var filters: [PricingFilter]
    /// Per page; AWS allows 1-100.
    public var pageSize: Int
    /// Price documents to read at most, over all pages: a filter that matches more than
    /// expected must not turn into an unbounded walk of the price list.
    public var maxProducts: Int

    public init(serviceCode: String, filters: [PricingFilter] = [], pageSize: Int = 100, maxProducts: Int = 500) {
        self.serviceCode = serviceCode
        self.filters = filters
        self.pageSize = min(max(pageSize, 1), 100)
        self.maxProducts = max(maxProducts, 1)
    }

    /// Amazon ECS, whose price list holds Fargate's rates.
    public static func ecs(_ filters: [PricingFilter]) -> GetProductsRequest {
        GetProductsRequest(serviceCode: "AmazonECS", filters: filters)
    }

    func input(nextToken: String?) -> JSONValue {
        var input: [String: JSONValue] = [
            "ServiceCode": .string(serviceCode),
            "FormatVersion": "aws_v1",
            "MaxResults": .number(Double(pageSize)),
        ]
        if !filters.isEmpty { input["Filters"] = .array(filters.map(\.json)) }
        if let nextToken { input["NextToken"] = .string(nextToken) }
        return .object(input)
    }
}
