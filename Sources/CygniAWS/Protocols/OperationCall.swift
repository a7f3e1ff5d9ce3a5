import Foundation

/// One encoded API call, ready to be addressed, signed and sent.
public struct OperationCall: Sendable {
    public var service: ServiceDescriptor
    public var operation: String
    public var method: String
    /// Percent-encoded path, starting with "/".
    public var path: String
    /// Query pairs, not yet encoded.
    public var query: [(String, String)]
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Whether sending it twice has the same effect as once; decides retries after failures that
    /// may have reached the service.
    public var isIdempotent: Bool
    /// False for the few calls whose proof is in the body (AssumeRoleWithWebIdentity): they are
    /// sent without credentials, which may not exist yet.
    public var isSigned = true

    public init(
        service: ServiceDescriptor, operation: String, method: String = "POST", path: String = "/",
        query: [(String, String)] = [], headers: [(name: String, value: String)] = [], body: Data = Data(),
        isIdempotent: Bool
    ) {
        self.service = service
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent
    }

    /// awsJson 1.0/1.1: POST / with the target header.
    public static func awsJSON(_ service: ServiceDescriptor, _ operation: String, _ input: JSONValue, idempotent: Bool) -> OperationCall {
        let version = service.wireProtocol == .awsJson1_0 ? "1.0" : "1.1"
        return OperationCall(
            service: service, operation: operation,
            headers: [
                ("Content-Type", "application/x-amz-json-\(version)"),
                ("X-Amz-Target", "\(service.targetPrefix ?? service.signingName).\(operation)"),
            ],
            body: input.serialized, isIdempotent: idempotent
        )
    }

    /// awsQuery: a form of Action, Version and the flattened parameters.
    public static func awsQuery(_ service: ServiceDescriptor, _ operation: String, _ parameters: QueryParameters, idempotent: Bool) -> OperationCall {
        var form = QueryParameters()
        form["Action"] = operation
        form["Version"] = service.apiVersion
        form.append(parameters)
        return OperationCall(
            service: service, operation: operation,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(form.encoded.utf8), isIdempotent: idempotent
        )
    }

    /// restJson1: method and path from the operation's HTTP binding, JSON body when there is one.
    public static func restJSON(
        _ service: ServiceDescriptor, _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: JSONValue? = nil, idempotent: Bool
    ) -> OperationCall {
        OperationCall(
            service: service, operation: operation, method: method, path: path, query: query,
            headers: body == nil ? [] : [("Content-Type", "application/json")],
            body: body?.serialized ?? Data(), isIdempotent: idempotent
        )
    }

    /// restXml: method and path from the binding; the product only reads, so no XML bodies yet.
    ///
    /// The payload hash travels as a signed X-Amz-Content-SHA256 header. AWS accepts it on every
    /// SigV4 service, and without it moto, checking signatures, hashes a bodiless GET's query
    /// string (or, with no query, its headers) as if it were the body and rejects the request.
    public static func restXML(
        _ service: ServiceDescriptor, _ operation: String, method: String, path: String, query: [(String, String)] = [],
        idempotent: Bool
    ) -> OperationCall {
        OperationCall(
            service: service, operation: operation, method: method, path: path, query: query,
            headers: [("X-Amz-Content-SHA256", SigV4Signer.emptyPayloadHash)], isIdempotent: idempotent
        )
    }
}

/// awsQuery parameters in order (`Names.member.1=...`), encoded the way SigV4 expects.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var pairs: [(String, String)] = []

    public init() {}

    public subscript(name: String) -> String? {
        get { pairs.first { $0.0 == name }?.1 }
        set {
            pairs.removeAll { $0.0 == name }
            if let newValue { pairs.append((name, newValue)) }
        }
    }

    /// `name.member.1`, `name.member.2` ...
    public mutating func setList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() { pairs.append(("\(name).member.\(index + 1)", value)) }
    }

    public mutating func append(_ other: QueryParameters) {
        pairs.append(contentsOf: other.pairs)
    }

    public var encoded: String {
        pairs.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.map(\.0) == rhs.pairs.map(\.0) && lhs.pairs.map(\.1) == rhs.pairs.map(\.1)
    }
}
