import Foundation

@testable import CygniAWS

/// The response documents under Tests/CygniAWSTests/Recorded.
enum Recorded {
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Recorded") else {
            throw MotoHarness.StartFailure(description: "no recorded document Recorded/\(name).json")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(try text(name).utf8))
    }
}

extension FaultProxy {
    static let getProducts = "AWSPriceListService.GetProducts"
    static let getCostForecast = "AWSInsightsIndexService.GetCostForecast"

    /// Ireland's two recorded GetProducts pages: the second only for the first page's token.
    func answerIrelandPrices() async throws {
        let token = try Recorded.json("pricing-get-products-eu-west-1-page-1")["NextToken"]?.string ?? ""
        try await answer(target: Self.getProducts, body: try Recorded.text("pricing-get-products-eu-west-1-page-2"), contains: token)
        try await answer(target: Self.getProducts, body: try Recorded.text("pricing-get-products-eu-west-1-page-1"))
    }
}
