import CygniAWS
import CygniClients
import CygniControlPlaneAPI
import Foundation

/// cygnid over HTTP: requests with the bearer token, JSON answers decoded, and every failure
/// turned into the one-line `ClientError` panes and commands show. Nothing it says contains the
/// token.
public struct ControlPlaneConnection: Sendable {
    public let address: ControlPlaneAddress
    public let token: BearerToken
    let transport: HTTPTransport
    /// Loopback answers in milliseconds; a cygnid that takes seconds is as good as down for a
    /// console refreshing every second.
    let options: TransferOptions

    public init(
        address: ControlPlaneAddress, token: BearerToken, transport: HTTPTransport = .curl,
        options: TransferOptions = TransferOptions(connectTimeout: 2, timeout: 10, maxResponseBytes: 16 << 20)
    ) {
        self.address = address
        self.token = token
        self.transport = transport
        self.options = options
    }

    /// An answer that is not an error, decoded.
    func get<Document: Decodable>(_ path: String, as type: Document.Type) async throws(ClientError) -> Document {
        let response = try await send(HTTPRequest(method: "GET", url: address.url(path)))
        guard (200..<300).contains(response.status) else { throw failure(response) }
        return try decode(type, from: response)
    }

    /// Sends a request with the token; a transport failure becomes a transient ClientError.
    func send(_ request: HTTPRequest) async throws(ClientError) -> HTTPResponse {
        var request = request
        request.setHeader("Authorization", "Bearer \(token.value)")
        request.setHeader("Accept", "application/json")
        if !request.body.isEmpty { request.setHeader("Content-Type", "application/json") }
        do {
            return try await transport.send(request, options)
        } catch let error as TransportError {
            throw unreachable(error)
        } catch is CancellationError {
            throw ClientError("cancelled")
        } catch {
            throw ClientError(scrub("cygnid at \(address.host): \(error)"), isTransient: true)
        }
    }

    func decode<Document: Decodable>(_ type: Document.Type, from response: HTTPResponse) throws(ClientError) -> Document {
        do {
            return try APIJSON.decoder().decode(type, from: response.body)
        } catch {
            throw ClientError("cygnid at \(address.host) answered with JSON cx cannot read (\(Self.describe(error)))", isTransient: true)
        }
    }

    /// What an error answer means to a person: 401 and 403 explained, cygnid's message otherwise.
    func failure(_ response: HTTPResponse) -> ClientError {
        let document = errorDocument(response)
        let message = document?.error.message ?? unreadable(response)
        if let api = document?.error.throttledAPI {
            // cygnid's source throttles: this console slows its polls of that read as on AWS.
            return ClientError(scrub(message), isTransient: true, throttledAPI: api)
        }
        switch response.status {
        case 401:
            return ClientError(scrub(AccessRefusal.unauthorized(message, token: token)))
        case 403:
            return ClientError(scrub(message))
        case 500...:
            return ClientError(scrub("cygnid at \(address.host) failed (\(response.status)): \(message)"), isTransient: true)
        default:
            return ClientError(scrub(message))
        }
    }

    /// `error.message` of an error answer, or what can be said of one that has none.
    func errorMessage(_ response: HTTPResponse) -> String {
        errorDocument(response)?.error.message ?? unreadable(response)
    }

    private func unreadable(_ response: HTTPResponse) -> String {
        "HTTP \(response.status) from cygnid at \(address.host)"
    }

    private func errorDocument(_ response: HTTPResponse) -> ErrorDocument? {
        try? APIJSON.decoder().decode(ErrorDocument.self, from: response.body)
    }

    func unreachable(_ error: TransportError) -> ClientError {
        let what: String
        switch error {
        case .couldNotConnect: what = "cygnid at \(address.host) is unreachable"
        case .timedOut, .stalled: what = "cygnid at \(address.host) does not answer"
        default: what = "cygnid at \(address.host)"
        }
        return ClientError(scrub("\(what): \(error)"), isTransient: error.isTransient)
    }

    /// Belt and braces: no message leaves with the token in it, whoever wrote the message.
    func scrub(_ text: String) -> String {
        text.replacingOccurrences(of: token.value, with: "(token)")
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return "\(error)"
        }
    }
}
