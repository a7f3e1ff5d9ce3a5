import Foundation

/// The plain HTTP exchange behind the credential providers that are not AWS APIs (SSO portal,
/// container and instance metadata): short timeouts, one error type, nothing of the answer in
/// messages but its status.
enum CredentialEndpoint {
    static let options = TransferOptions(connectTimeout: 2, timeout: 5, maxResponseBytes: 1 << 20)

    static func fetch(
        _ request: HTTPRequest, transport: HTTPTransport, describing what: String, onUnauthorized: ConfigurationError? = nil
    ) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await transport.send(request, options)
        } catch let error as TransportError {
            throw ConfigurationError(.credentialEndpointFailed, "could not reach \(what): \(error)")
        }
        if let onUnauthorized, response.status == 401 || response.status == 403 { throw onUnauthorized }
        guard (200..<300).contains(response.status) else {
            throw ConfigurationError(.credentialEndpointFailed, "\(what) answered HTTP \(response.status)")
        }
        return response
    }

    static func fetchJSON(
        _ request: HTTPRequest, transport: HTTPTransport, describing what: String, onUnauthorized: ConfigurationError? = nil
    ) async throws -> JSONValue {
        let response = try await fetch(request, transport: transport, describing: what, onUnauthorized: onUnauthorized)
        guard let document = try? JSONValue.parse(response.body), case .object = document else {
            throw ConfigurationError(.credentialEndpointFailed, "\(what) answered with something other than a JSON object")
        }
        return document
    }

    /// The AccessKeyId / SecretAccessKey / Token / Expiration document that both the container
    /// and the instance metadata endpoints serve.
    static func metadataCredentials(_ document: JSONValue, what: String, source: String) throws -> Credentials {
        guard let key = document["AccessKeyId"]?.string, let secret = document["SecretAccessKey"]?.string else {
            throw ConfigurationError(.credentialEndpointFailed, "\(what) answered without AccessKeyId and SecretAccessKey")
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: document["Token"]?.string,
            expiration: document["Expiration"]?.string.flatMap(Timestamp.parseISO8601), source: source
        )
    }
}
