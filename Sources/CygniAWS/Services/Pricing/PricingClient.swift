/// AWS Price List Query API (awsJson 1.1). Its endpoints live in us-east-1, eu-central-1 and
/// ap-south-1 only; the default is us-east-1, and AWS_ENDPOINT_URL_PRICING picks another.
public struct PricingClient: Sendable {
    public let client: AWSClient

    public init(_ client: AWSClient) {
        self.client = client
    }

    /// Every product matching the request, up to its `maxProducts`, following NextToken.
    public func products(_ request: GetProductsRequest) async throws -> PriceList {
        var fetched = 0
        var lastToken: String?
        let elements: [JSONValue] = try await Pagination.collect(maxItems: request.maxProducts) { token in
            let response = try await client.send(.awsJSON(.pricing, "GetProducts", request.input(nextToken: token), idempotent: true))
            let output = try JSONResponse.document(response, operation: "GetProducts", service: .pricing)
            let page = output["PriceList"]?.array ?? []
            fetched += page.count
            lastToken = output["NextToken"]?.string
            return (page, lastToken)
        }
        var list = PriceList()
        list.read(elements)
        list.truncated = fetched > request.maxProducts || (fetched == request.maxProducts && lastToken != nil)
        return list
    }
}
