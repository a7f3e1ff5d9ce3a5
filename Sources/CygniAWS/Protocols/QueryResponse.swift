/// awsQuery (and restXml) response bodies.
enum QueryResponse {
    /// `<OpResponse><OpResult>...</OpResult></OpResponse>` → the OpResult element (or the root
    /// when a service leaves the wrapper out).
    static func result(of response: HTTPResponse, operation: String, service: ServiceDescriptor) throws -> XMLNode {
        let root = try document(response, operation: operation, service: service)
        return root.child("\(operation)Result") ?? root
    }

    static func document(_ response: HTTPResponse, operation: String, service: ServiceDescriptor) throws -> XMLNode {
        guard let root = try? XMLNode.parse(response.body) else {
            throw AWSError.malformed("\(operation)", status: response.status, service: service.id, operation: operation)
        }
        return root
    }
}

/// awsJson and restJson1 response bodies.
enum JSONResponse {
    static func document(_ response: HTTPResponse, operation: String, service: ServiceDescriptor) throws -> JSONValue {
        guard let document = try? JSONValue.parse(response.body), case .object = document else {
            throw AWSError.malformed("\(operation)", status: response.status, service: service.id, operation: operation)
        }
        return document
    }
}
