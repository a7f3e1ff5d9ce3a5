public struct HostedZone: Sendable, Equatable {
    public var id: String
    public var name: String
    public var isPrivate: Bool
    public var recordCount: Int?

    init(_ xml: XMLNode) {
        id = xml.string("Id") ?? ""
        name = xml.string("Name") ?? ""
        isPrivate = xml.at("Config", "PrivateZone")?.text == "true"
        recordCount = xml.string("ResourceRecordSetCount").flatMap { Int($0) }
    }
}

/// Route 53 (restXml, global): hosted zones, for `cx doctor`.
public struct Route53Client: Sendable {
    public let client: AWSClient
    public var maxItems = 10_000
    /// Zones asked for per page; 100 is Route 53's own limit.
    public var pageSize = 100

    public init(_ client: AWSClient) {
        self.client = client
    }

    public func listHostedZones() async throws -> [HostedZone] {
        try await Pagination.collect(maxItems: maxItems) { marker in
            var query: [(String, String)] = [("maxitems", String(pageSize))]
            if let marker { query.append(("marker", marker)) }
            let response = try await client.send(
                .restXML(.route53, "ListHostedZones", method: "GET", path: "/2013-04-01/hostedzone", query: query, idempotent: true)
            )
            let document = try QueryResponse.document(response, operation: "ListHostedZones", service: .route53)
            let zones = document.child("HostedZones")?.children("HostedZone").map(HostedZone.init) ?? []
            return (zones, document.string("IsTruncated") == "true" ? document.string("NextMarker") : nil)
        }
    }
}
