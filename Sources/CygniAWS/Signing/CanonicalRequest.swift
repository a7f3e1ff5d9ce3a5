/// The canonical form of a request that SigV4 hashes, built the way botocore builds it for every
/// service but S3: dot segments and empty segments removed from the path, the path encoded again,
/// the query sorted as sent, header names lower-cased and values' whitespace collapsed.
public struct CanonicalRequest: Sendable, Equatable {
    public let text: String
    /// Lower-cased names joined with ";".
    public let signedHeaders: String

    /// Headers a proxy or libcurl may change on the way; botocore leaves them out too.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public init(_ request: HTTPRequest, endpoint: Endpoint, payloadHash: String) {
        var headers: [String: [String]] = [:]
        for (name, value) in request.headers {
            let lowered = name.lowercased()
            guard !Self.unsignedHeaders.contains(lowered) else { continue }
            headers[lowered, default: []].append(Self.collapseWhitespace(value))
        }
        if headers["host"] == nil { headers["host"] = [endpoint.hostHeader] }
        let names = headers.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        signedHeaders = names.joined(separator: ";")

        var text = request.method.uppercased()
        text += "\n"
        text += Self.canonicalPath(endpoint.path)
        text += "\n"
        text += Self.canonicalQuery(endpoint.query)
        text += "\n"
        for name in names {
            text += name
            text += ":"
            text += headers[name]!.joined(separator: ",")
            text += "\n"
        }
        text += "\n"
        text += signedHeaders
        text += "\n"
        text += payloadHash
        self.text = text
    }

    static func collapseWhitespace(_ value: String) -> String {
        // Header values are nearly always ASCII: collapse on bytes, skipping the Unicode
        // property lookups of Character.isWhitespace (most of the signing time otherwise).
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
            return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 3986 dot-segment removal plus AWS's collapse of empty segments, then percent-encoding
    /// of everything but unreserved characters and "/" (so "%20" on the wire signs as "%2520").
    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        var normalised = path.hasPrefix("/") ? "/" : ""
        normalised += segments.joined(separator: "/")
        if path.hasSuffix("/") && !segments.isEmpty { normalised += "/" }
        return PercentEncoding.encode(normalised, keeping: "/")
    }

    /// Pairs split at the first "=", sorted by name then value, as sent (already encoded).
    static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> (Substring, Substring) in
            if let equals = pair.firstIndex(of: "=") {
                return (pair[..<equals], pair[pair.index(after: equals)...])
            }
            return (pair, "")
        }
        return pairs.sorted { lhs, rhs in
            if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
            return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
        }
        .map { "\($0.0)=\($0.1)" }
        .joined(separator: "&")
    }
}
