import CygniAWS

/// Where cygnid listens, from `--control-plane URL` or `control_plane` in config.toml:
/// http(s)://HOST[:PORT][/PREFIX]. Plain http only to loopback: the token would cross the
/// network in clear text.
public struct ControlPlaneAddress: Sendable, Equatable, CustomStringConvertible {
    /// scheme://host[:port] and the path prefix without a trailing slash ("" for none).
    public let origin: String
    public let prefix: String
    /// "127.0.0.1:7070": what the status line names.
    public let host: String

    public init(parsing text: String, option: String = "--control-plane") throws(ControlPlaneAddressError) {
        guard let endpoint = Endpoint(text.trimmingCharacters(in: .whitespaces)) else {
            throw ControlPlaneAddressError("\(option) takes cygnid's URL, such as http://127.0.0.1:7070, not \"\(text)\"")
        }
        guard endpoint.query == nil else { throw ControlPlaneAddressError("\(option) \(text): cygnid's URL takes no query (?...)") }
        guard endpoint.scheme == "https" || endpoint.isLoopback else {
            throw ControlPlaneAddressError(
                "\(option) \(text): plain http:// is allowed only to loopback (127.0.0.1, ::1, localhost); the token would cross the network in clear text: use https://")
        }
        origin = endpoint.origin
        var path = endpoint.path
        while path.hasSuffix("/") { path.removeLast() }
        prefix = path
        host = endpoint.hostHeader
    }

    /// The URL of an API path ("/v1/rollouts").
    public func url(_ path: String) -> String { origin + prefix + path }

    public var description: String { origin + prefix }
}

public struct ControlPlaneAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ControlPlaneAddress {
    /// Whether cygnid answers `/healthz` here within `timeout` seconds (no token needed): what
    /// break-glass asks before going around it.
    public func answers(within timeout: Double = 1, transport: HTTPTransport = .curl) async -> Bool {
        let options = TransferOptions(connectTimeout: timeout, timeout: timeout, maxResponseBytes: 4_096)
        let response = try? await transport.send(HTTPRequest(method: "GET", url: url("/healthz")), options)
        return response?.status == 200
    }
}
