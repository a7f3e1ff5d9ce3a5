import Foundation

public struct CertificateSummary: Sendable, Equatable {
    public var arn: String
    public var domainName: String
    /// ISSUED, PENDING_VALIDATION, EXPIRED, REVOKED, FAILED ...
    public var status: String?
    public var notAfter: Date?
    public var inUse: Bool?

    init(_ json: JSONValue) {
        arn = json["CertificateArn"]?.string ?? ""
        domainName = json["DomainName"]?.string ?? ""
        status = json["Status"]?.string
        notAfter = json["NotAfter"]?.date
        inUse = json["InUse"]?.bool
    }
}

/// ACM: certificates and their expiry, for `cx doctor`.
public struct ACMClient: Sendable {
    public let client: AWSClient
    public var maxItems = 10_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, _ input: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        let response = try await client.send(.awsJSON(.acm, operation, input, idempotent: idempotent))
        return try JSONResponse.document(response, operation: operation, service: .acm)
    }

    public func listCertificates() async throws -> [CertificateSummary] {
        try await Pagination.collect(maxItems: maxItems) { token in
            var input: [String: JSONValue] = ["MaxItems": 1000]
            if let token { input["NextToken"] = .string(token) }
            let output = try await call("ListCertificates", .object(input))
            return (output["CertificateSummaryList"]?.array.map(CertificateSummary.init) ?? [], output["NextToken"]?.string)
        }
    }

    public func describeCertificate(arn: String) async throws -> CertificateSummary {
        CertificateSummary(try await call("DescribeCertificate", ["CertificateArn": .string(arn)])["Certificate"] ?? .object([:]))
    }

    /// Requests a DNS-validated certificate (tests and seeding).
    public func requestCertificate(domainName: String) async throws -> String {
        try await call("RequestCertificate", ["DomainName": .string(domainName), "ValidationMethod": "DNS"], idempotent: false)["CertificateArn"]?.string ?? ""
    }
}
