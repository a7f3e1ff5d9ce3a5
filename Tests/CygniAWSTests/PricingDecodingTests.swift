import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// GetProducts documents (recorded, see Recorded/README.md) read into products and Fargate rates.
struct PricingDecodingTests {
    func products(_ pages: String...) throws -> PriceList {
        var list = PriceList()
        list.read(try pages.flatMap { try Recorded.json($0)["PriceList"]?.array ?? [] })
        return list
    }

    @Test func usEast1RatesAreTheBuiltInTablesFigures() throws {
        let list = try products("pricing-get-products-us-east-1")
        #expect(list.skipped.isEmpty)
        #expect(list.products.count == 8)
        for architecture in FargatePriceTable.Architecture.allCases {
            let rates = FargateRates(list.products, region: "us-east-1", architecture: architecture)
            #expect(rates.table == FargatePriceTable.builtIn(architecture), "\(architecture)")
            #expect(rates.notes.isEmpty, "\(rates.notes)")
        }
    }

    @Test func twoPagesWithBrokenEntriesStillGiveIrelandsRates() throws {
        let list = try products("pricing-get-products-eu-west-1-page-1", "pricing-get-products-eu-west-1-page-2")
        #expect(list.products.count == 8)
        #expect(list.skipped == [
            "price document 4: not a JSON object",
            "price document 6: not a string",
            "price document 11: no \"product\" object",
        ])
        let x86 = FargateRates(list.products, region: "eu-west-1", architecture: .x86)
        #expect(x86.table == FargatePriceTable(vCPUHour: 0.04456, gbHour: 0.004865, storageGBHour: 0.000122))
        #expect(x86.notes == ["1 products of other regions ignored"])
        let arm = FargateRates(list.products, region: "eu-west-1", architecture: .arm)
        #expect(arm.table == FargatePriceTable(vCPUHour: 0.03565, gbHour: 0.00389, storageGBHour: 0.000122))
    }

    @Test func aProductIsReadWithItsAttributesAndFirstTier() throws {
        let document = try #require(try Recorded.json("pricing-get-products-us-east-1")["PriceList"]?.array.first?.string)
        let product = try PriceListProduct(document: document)
        #expect(product.sku == "8CESGAFWKAJ98PME")
        #expect(product.productFamily == "Compute")
        #expect(product.usageType == "USE1-Fargate-vCPU-Hours:perCPU")
        #expect(product.attributes["regionCode"] == "us-east-1")
        #expect(product.firstTierUSD == 0.04048)
        #expect(product.onDemand.first?.unit == "hours")
        #expect(product.publicationDate == "2026-11-01T00:00:00Z")
    }

    @Test func unknownAndMissingFieldsAreTolerated() throws {
        let bare = try PriceListProduct(document: #"{"product": {"attributes": {"usagetype": "Fargate-GB-Hours", "n": 3}}, "extra": [1]}"#)
        #expect(bare.usageType == "Fargate-GB-Hours")
        #expect(bare.attributes["n"] == "3")
        #expect(bare.onDemand.isEmpty)
        #expect(bare.firstTierUSD == nil)
        let odd = try PriceListProduct(document: """
            {"product": {}, "terms": {"OnDemand": {"o": {"priceDimensions": {
              "a": {"pricePerUnit": {"USD": "NaN"}}, "b": {"pricePerUnit": {"USD": "-1"}}, "c": {"pricePerUnit": {"EUR": "1"}},
              "d": {"pricePerUnit": {"USD": "0.5"}, "beginRange": "100"}, "e": {"pricePerUnit": {"USD": 0.7}, "beginRange": "0"}}}}}}
            """)
        #expect(odd.onDemand.map(\.usd) == [0.7, 0.5])
        #expect(odd.firstTierUSD == 0.7)
        #expect(throws: PriceListProduct.Unreadable.self) { try PriceListProduct(document: "[]") }
        #expect(throws: PriceListProduct.Unreadable.self) { try PriceListProduct(document: #"{"product": "x"}"#) }
    }

    @Test func usageTypesMatchWithOrWithoutARegionPrefixAndNothingElse() {
        #expect(FargateUsageType.matches("USE1-Fargate-vCPU-Hours:perCPU", "Fargate-vCPU-Hours:perCPU"))
        #expect(FargateUsageType.matches("EUW1-Fargate-GB-Hours", "Fargate-GB-Hours"))
        #expect(FargateUsageType.matches("Fargate-GB-Hours", "Fargate-GB-Hours"))
        #expect(!FargateUsageType.matches("USE1-Fargate-ARM-GB-Hours", "Fargate-GB-Hours"))
        #expect(!FargateUsageType.matches("USE1-SpotUsage-Fargate-vCPU-Hours:perCPU", "Fargate-vCPU-Hours:perCPU"))
        #expect(!FargateUsageType.matches("USE1-Fargate-Windows-vCPU-Hours:perCPU", "Fargate-vCPU-Hours:perCPU"))
        #expect(!FargateUsageType.matches("-Fargate-GB-Hours", "Fargate-GB-Hours"))
        #expect(FargateUsageType.vCPU(.arm) == "Fargate-ARM-vCPU-Hours:perCPU")
    }

    @Test func missingOrConflictingRatesAreSaid() throws {
        func product(_ usageType: String, _ usd: String) throws -> PriceListProduct {
            try PriceListProduct(document: """
                {"product": {"attributes": {"usagetype": "\(usageType)", "regionCode": "eu-west-1"}},
                 "terms": {"OnDemand": {"o": {"priceDimensions": {"d": {"pricePerUnit": {"USD": "\(usd)"}}}}}}}
                """)
        }
        let onlyCPU = FargateRates([try product("EUW1-Fargate-vCPU-Hours:perCPU", "0.04456")], region: "eu-west-1", architecture: .x86)
        #expect(onlyCPU.table == nil)
        #expect(onlyCPU.notes.contains("no GB-hour price (usage type Fargate-GB-Hours)"))
        let twice = FargateRates(
            [
                try product("EUW1-Fargate-vCPU-Hours:perCPU", "0.04456"), try product("EUW1-Fargate-vCPU-Hours:perCPU", "0.05"),
                try product("EUW1-Fargate-GB-Hours", "0.004865"), try product("EUW1-Fargate-GB-Hours", "0"),
            ],
            region: "eu-west-1", architecture: .x86
        )
        #expect(twice.table?.vCPUHour == 0.04456)
        #expect(twice.table?.gbHour == 0.004865)
        #expect(twice.table?.storageGBHour == FargatePriceTable.builtIn(.x86).storageGBHour)
        #expect(twice.notes.contains { $0.hasPrefix("2 different vCPU-hour prices") })
        #expect(twice.notes.contains { $0.hasPrefix("ephemeral storage priced from the built-in table") })
    }

    @Test func theRequestIsTheDocumentedShape() throws {
        let request = GetProductsRequest.ecs([.region("eu-west-1"), .usageType("EUW1-Fargate-GB-Hours")])
        let input = request.input(nextToken: "t2")
        #expect(input["ServiceCode"]?.string == "AmazonECS")
        #expect(input["FormatVersion"]?.string == "aws_v1")
        #expect(input["MaxResults"]?.int == 100)
        #expect(input["NextToken"]?.string == "t2")
        let filters = input["Filters"]?.array ?? []
        #expect(filters.count == 2)
        #expect(filters.first == ["Type": "TERM_MATCH", "Field": "regionCode", "Value": "eu-west-1"])
        #expect(request.input(nextToken: nil)["NextToken"] == nil)
        #expect(GetProductsRequest(serviceCode: "AmazonECS", pageSize: 1000).pageSize == 100)
    }
}
