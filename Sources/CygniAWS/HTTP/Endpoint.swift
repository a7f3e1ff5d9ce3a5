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
        guard let endpoint = url.withUTF8Bytes(Self.parse) else { return nil }
        self = endpoint
    }

    private init(scheme: String, host: String, port: Int?, path: String, query: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    // Parsed on the UTF-8 bytes: the delimiters are ASCII, and walking Characters (grapheme
    // clusters), then Substrings, was a large part of the cost of signing a request.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Endpoint? {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        func first(_ isWanted: (UInt8) -> Bool, in range: Range<Int>) -> Int? {
            bytes[range].firstIndex(where: isWanted)
        }
        guard let colon = first({ $0 == UInt8(ascii: ":") }, in: 0..<bytes.count),
            bytes.count - colon >= 3, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        // Only ASCII letters lower-case to ASCII letters, so the scheme compares byte by byte;
        // "| 0x20" lower-cases them and turns no other byte into one.
        func isScheme(_ name: StaticString) -> Bool {
            colon == name.utf8CodeUnitCount && (0..<colon).allSatisfy { bytes[$0] | 0x20 == name.utf8Start[$0] }
        }
        let scheme: String
        if isScheme("http") {
            scheme = "http"
        } else if isScheme("https") {
            scheme = "https"
        } else {
            return nil
        }
        let restEnd = first({ $0 == UInt8(ascii: "#") }, in: colon + 3..<bytes.count) ?? bytes.count
        let authorityEnd = first({ $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }, in: colon + 3..<restEnd) ?? restEnd
        var authority = colon + 3..<authorityEnd
        if let at = bytes[authority].lastIndex(of: UInt8(ascii: "@")) { authority = at + 1..<authorityEnd }
        var host: Range<Int>
        var portText: Range<Int>?
        if bytes[authority].first == UInt8(ascii: "[") {
            guard let close = bytes[authority].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = authority.lowerBound + 1..<close
            if close + 1 < authorityEnd {
                guard bytes[close + 1] == UInt8(ascii: ":") else { return nil }
                portText = close + 2..<authorityEnd
            }
        } else if let colon = bytes[authority].lastIndex(of: UInt8(ascii: ":")) {
            host = authority.lowerBound..<colon
            portText = colon + 1..<authorityEnd
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText {
            guard let number = Int(text(portText)), (1...65535).contains(number) else { return nil }
            port = number
        }
        var hostText = text(host)
        if bytes[host].contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }) {
            hostText = hostText.lowercased()
        }
        if let question = first({ $0 == UInt8(ascii: "?") }, in: authorityEnd..<restEnd) {
            return Endpoint(scheme: scheme, host: hostText, port: port, path: text(authorityEnd..<question), query: text(question + 1..<restEnd))
        }
        return Endpoint(scheme: scheme, host: hostText, port: port, path: text(authorityEnd..<restEnd), query: nil)
    }

    /// The Host header value: brackets around IPv6, the port only when it is not the default.
    public var hostHeader: String {
        let name = host.withUTF8Bytes { $0.contains(UInt8(ascii: ":")) } ? "[\(host)]" : host
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
