/// The parts of an absolute http(s) URL the client needs, split by hand so nothing re-encodes or
/// normalises the path: SigV4 must sign exactly what goes on the wire.
public struct Endpoint: Sendable, Equatable {
    public var scheme: String
    /// Lower-cased; IPv6 literals without brackets.
    public var host: String
    public var port: Int?
    /// Percent-encoded as given, "" when the URL has no path.
    public var path: String
    /// Percent-encoded as given, without "?"; nil when there is none.
    public var query: String?

    public init?(_ url: String) {
        // Searched on UTF-8 bytes: the delimiters are ASCII, and walking Characters (grapheme
        // clusters) was most of the cost of signing a request.
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let slashes = bytes[bytes.index(after: colon)...].prefix(2)
        guard slashes.elementsEqual("//".utf8) else { return nil }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[slashes.endIndex...]
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        let authorityEnd = rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.utf8.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.utf8.first == UInt8(ascii: "[") {
            guard let close = authority.utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = authority[authority.utf8.index(after: authority.startIndex)..<close]
            let after = authority[authority.utf8.index(after: close)...]
            if after.utf8.first == UInt8(ascii: ":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.utf8.lastIndex(of: UInt8(ascii: ":")) {
            host = authority[..<colon]
            portText = authority[authority.utf8.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            self.port = nil
        }
        self.scheme = scheme
        self.host = host.lowercased()
        let pathAndQuery = rest[authorityEnd...]
        if let question = pathAndQuery.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(pathAndQuery[..<question])
            query = String(pathAndQuery[pathAndQuery.utf8.index(after: question)...])
        } else {
            path = String(pathAndQuery)
            query = nil
        }
    }

    /// The Host header value: brackets around IPv6, the port only when it is not the default.
    public var hostHeader: String {
        let name = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        guard let port, port != (scheme == "https" ? 443 : 80) else { return name }
        return "\(name):\(port)"
    }

    /// scheme://host[:port] with no path.
    public var origin: String { "\(scheme)://\(hostHeader)" }

    /// The link-local addresses where ECS and EKS hand containers their credentials, over plain
    /// http only; unreachable from anywhere but the task or pod itself. (EC2's instance metadata
    /// address is not here: cx does not read it.)
    public static let containerCredentialHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]

    /// Whether plain http may reach this host: loopback, or a container credential address.
    public var allowsPlainHTTP: Bool {
        isLoopback || Self.containerCredentialHosts.contains(host.lowercased())
    }

    /// 127.0.0.0/8, ::1 (any spelling) and localhost.
    public var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        if host.hasPrefix("::ffff:127.") { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
