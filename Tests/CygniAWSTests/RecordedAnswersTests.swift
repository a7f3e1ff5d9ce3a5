import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// The Pricing and forecast clients through the real transport, signing and retries, against
/// recorded answers served on loopback by scripts/fault-proxy.py (moto serves neither API), and
/// against moto itself where its real failure is the point. Serialized: one proxy, one queue.
@Suite(.serialized)
struct RecordedAnswersTests {
    static let proxy = FaultProxy()

    func client(endpoint: String? = nil, timeout: Double = 10) async throws -> AWSClient {
        let proxy = try await Self.proxy.endpoint()
        try await Self.proxy.reset()
        return try await motoClient(region: "eu-west-1", endpoint: endpoint ?? proxy, options: TransferOptions(connectTimeout: 2, timeout: timeout))
    }

    @Test func getProductsFollowsNextTokenSignedForPricingInUSEast1() async throws {
        let pricing = PricingClient(try await client())
        try await Self.proxy.answerIrelandPrices()
        let list = try await pricing.products(.ecs([.region("eu-west-1")]))
        #expect(list.products.count == 8)
        #expect(list.skipped.count == 3)
        #expect(!list.truncated)
        let requests = try await Self.proxy.requests()
        #expect(requests.count == 2)
        for request in requests {
            #expect(request["target"]?.string == FaultProxy.getProducts)
            // The client's region is eu-west-1; Pricing still signs for its home region.
            #expect(request["scope"]?.string == "us-east-1/pricing")
            #expect(request["signedHeaders"]?.string?.split(separator: ";").contains("x-amz-target") == true)
        }
        let second = try JSONValue.parse(Data((requests.last?["body"]?.string ?? "").utf8))
        #expect(second["NextToken"]?.string == (try Recorded.json("pricing-get-products-eu-west-1-page-1")["NextToken"]?.string))
        #expect(second["Filters"]?.array.first?["Value"]?.string == "eu-west-1")
    }

    @Test func theProductCapStopsTheWalk() async throws {
        let pricing = PricingClient(try await client())
        try await Self.proxy.answerIrelandPrices()
        let list = try await pricing.products(GetProductsRequest(serviceCode: "AmazonECS", filters: [.region("eu-west-1")], pageSize: 5, maxProducts: 5))
        #expect(list.truncated)
        #expect(list.products.count + list.skipped.count == 5)
        #expect(try await Self.proxy.requests().count == 1)
    }

    @Test func aThrottledPageIsRetriedAndTheQuoteComesFromTheAPI() async throws {
        let pricing = PricingClient(try await client())
        try await Self.proxy.answerIrelandPrices()
        try await Self.proxy.queue("throttle")
        let quote = await FargatePriceQuote.fetch(pricing, region: "eu-west-1", architecture: .arm, deadline: 10)
        #expect(quote.table == FargatePriceTable(vCPUHour: 0.03565, gbHour: 0.00389, storageGBHour: 0.000122))
        guard case .pricingAPI = quote.source else { Issue.record("expected the API as the source, got \(quote.source)"); return }
        #expect(quote.region == "eu-west-1")
        #expect(quote.notes.contains("price document 4: not a JSON object"))
        #expect(try await Self.proxy.requests().count == 3)
    }

    @Test func moto500FallsBackToTheTable() async throws {
        // Straight to moto, which has no Pricing backend: its real answer, not a simulated one.
        let moto = try await MotoHarness.shared.session()
        let pricing = PricingClient(try await client(endpoint: moto.endpoint))
        let quote = await FargatePriceQuote.fetch(pricing, region: "eu-west-1", architecture: .x86, deadline: 10)
        #expect(quote.table == FargatePriceTable.builtIn(.x86))
        #expect(quote.region == FargatePriceTable.region)
        guard case .builtInTable(let reason) = quote.source else { Issue.record("expected the table, got \(quote.source)"); return }
        #expect(reason.hasPrefix("the Pricing API failed (HTTP 5"), "\(reason)")
    }

    @Test func accessDeniedFallsBackAndSaysSo() async throws {
        let pricing = PricingClient(try await client())
        try await Self.proxy.answer(
            target: FaultProxy.getProducts, status: 400,
            body: #"{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::123456789012:user/ci is not authorized to perform: pricing:GetProducts"}"#
        )
        let quote = await FargatePriceQuote.fetch(pricing, region: "eu-west-1", architecture: .x86, deadline: 10)
        #expect(quote.source == .builtInTable(reason: "access denied to pricing:GetProducts (HTTP 400): AccessDeniedException"))
        #expect(try await Self.proxy.requests().count == 1)
    }

    @Test func aSlowAPIFallsBackAtTheDeadline() async throws {
        let pricing = PricingClient(try await client(timeout: 1))
        try await Self.proxy.answerIrelandPrices()
        try await Self.proxy.queue("slow:20", "slow:20", "slow:20")
        let started = Date()
        let quote = await FargatePriceQuote.fetch(pricing, region: "eu-west-1", architecture: .x86, deadline: 1.5)
        // Well before the 20 s answers, with room for a machine busy with the rest of the suite.
        #expect(Date().timeIntervalSince(started) < 12)
        #expect(quote.source == .builtInTable(reason: "no answer from the Pricing API within 1.5 s"))
    }

    @Test func pricesWithoutFargateFallBackWithNotes() async throws {
        let pricing = PricingClient(try await client())
        try await Self.proxy.answer(target: FaultProxy.getProducts, body: try Recorded.text("pricing-get-products-us-east-1"))
        let quote = await FargatePriceQuote.fetch(pricing, region: "ap-southeast-4", architecture: .x86, deadline: 10)
        #expect(quote.source == .builtInTable(reason: "the Pricing API has no usable Fargate x86 prices for ap-southeast-4"))
        #expect(quote.notes.contains("8 products of other regions ignored"))
    }

    @Test func theForecastIsReadThroughTheClient() async throws {
        let costExplorer = CostExplorerClient(try await client())
        try await Self.proxy.answer(target: FaultProxy.getCostForecast, body: try Recorded.text("ce-get-cost-forecast-monthly"))
        let window = ForecastWindow(start: "2026-11-26", end: "2026-12-01")
        let forecast = try await costExplorer.costForecast(window)
        #expect(forecast.amount == 412.3345617063)
        #expect(forecast.lower == 380.1022451907)
        let request = try #require(try await Self.proxy.requests().first)
        #expect(request["scope"]?.string == "us-east-1/ce")
        let body = try JSONValue.parse(Data((request["body"]?.string ?? "").utf8))
        #expect(body == [
            "TimePeriod": ["Start": "2026-11-26", "End": "2026-12-01"], "Metric": "UNBLENDED_COST", "Granularity": "MONTHLY",
            "PredictionIntervalLevel": 80,
        ])
    }

    @Test func anEmptyForecastIsMalformed() async throws {
        let costExplorer = CostExplorerClient(try await client())
        try await Self.proxy.answer(target: FaultProxy.getCostForecast, body: #"{"ForecastResultsByTime": []}"#)
        let error = await #expect(throws: AWSError.self) {
            try await costExplorer.costForecast(ForecastWindow(start: "2026-11-26", end: "2026-12-01"), granularity: .daily)
        }
        #expect(error?.code == "MalformedResponse")
    }

    @Test func forecastFailuresBecomeOneLineReasons() async throws {
        let now = Timestamp.parseISO8601("2026-11-26T09:00:00Z")!
        let moto = try await MotoHarness.shared.session()
        // A generous deadline: moto answers slowly while the rest of the suite keeps it busy.
        let fromMoto = await MonthEndForecast.fetch(CostExplorerClient(try await client(endpoint: moto.endpoint)), now: now, deadline: 60)
        #expect(fromMoto.forecast == nil)
        #expect(fromMoto.unavailable?.hasPrefix("Cost Explorer failed (HTTP 5") == true, "\(fromMoto)")

        let costExplorer = CostExplorerClient(try await client())
        try await Self.proxy.answer(
            target: FaultProxy.getCostForecast, status: 400,
            body: #"{"__type":"DataUnavailableException","Message":"Insufficient amount of historical data to generate forecast."}"#
        )
        let young = await MonthEndForecast.fetch(costExplorer, now: now, deadline: 10)
        #expect(young.unavailable == "Cost Explorer has too little history to forecast (DataUnavailableException)")
    }
}
