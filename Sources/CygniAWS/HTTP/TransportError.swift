/// Why an HTTP exchange produced no complete response. Messages name the host, never credentials.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL could not be parsed or uses a scheme other than http/https.
    case invalidURL(String)
    /// Plain http:// to a host that is neither loopback nor a container credential address.
    case insecureEndpoint(host: String)
    /// The host name did not resolve, or nothing accepted the connection: the request never left.
    case couldNotConnect(host: String, detail: String)
    /// The connect or total timeout passed.
    case timedOut(seconds: Double)
    /// Almost nothing arrived for this long (`TransferOptions.stallTimeout`).
    case stalled(seconds: Double)
    /// The peer closed or reset the connection mid-exchange.
    case connectionReset(detail: String)
    /// The body ended before its announced length.
    case truncatedResponse
    /// The response body passed the size cap; the transfer was stopped there.
    case responseTooLarge(limit: Int)
    /// Certificate or handshake failure. Verification is never turned off.
    case tls(detail: String)
    /// Any other libcurl failure.
    case other(code: Int, detail: String)

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "invalid endpoint URL \(url)"
        case .insecureEndpoint(let host):
            return "refusing plain http:// to \(host): http is allowed only for loopback addresses "
                + "(127.0.0.0/8, ::1, localhost) and the ECS/EKS container credential addresses; use https://"
        case .couldNotConnect(let host, let detail):
            return "could not connect to \(host): \(detail)"
        case .timedOut(let seconds):
            return "no complete response within \(Self.format(seconds)) s"
        case .stalled(let seconds):
            return "nothing received for \(Self.format(seconds)) s"
        case .connectionReset(let detail):
            return "connection closed by the server: \(detail)"
        case .truncatedResponse:
            return "the response ended before its announced length"
        case .responseTooLarge(let limit):
            return "response larger than the \(limit)-byte limit; transfer stopped"
        case .tls(let detail):
            return "TLS failure: \(detail)"
        case .other(let code, let detail):
            return "HTTP transfer failed (curl \(code)): \(detail)"
        }
    }

    /// Whether the request certainly never reached the server, so even a non-idempotent write can
    /// be sent again.
    public var requestNeverSent: Bool {
        if case .couldNotConnect = self { return true }
        return false
    }

    /// Transient failures worth another attempt.
    public var isTransient: Bool {
        switch self {
        case .couldNotConnect, .timedOut, .stalled, .connectionReset, .truncatedResponse: return true
        case .invalidURL, .insecureEndpoint, .responseTooLarge, .tls, .other: return false
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
