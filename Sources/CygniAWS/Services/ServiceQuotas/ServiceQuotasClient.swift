public struct ServiceQuota: Sendable, Equatable {
    public var serviceCode: String
    public var quotaCode: String
    public var name: String
    public var value: Double?

    init(_ json: JSONValue) {
        serviceCode = json["ServiceCode"]?.string ?? ""
        quotaCode = json["QuotaCode"]?.string ?? ""
        name = json["QuotaName"]?.string ?? ""
        value = json["Value"]?.double
    }
}

/// Service Quotas: the Fargate limits `cx doctor` warns about.
public struct ServiceQuotasClient: Sendable {
    public let client: AWSClient

    public init(_ client: AWSClient) {
        self.client = client
    }

    /// Fargate On-Demand vCPU resource count.
    public static let fargateOnDemandVCPU = (serviceCode: "fargate", quotaCode: "L-3032A538")

    public func getServiceQuota(serviceCode: String, quotaCode: String) async throws -> ServiceQuota {
        let response = try await client.send(
            .awsJSON(.serviceQuotas, "GetServiceQuota", ["ServiceCode": .string(serviceCode), "QuotaCode": .string(quotaCode)], idempotent: true)
        )
        let output = try JSONResponse.document(response, operation: "GetServiceQuota", service: .serviceQuotas)
        return ServiceQuota(output["Quota"] ?? .object([:]))
    }
}
