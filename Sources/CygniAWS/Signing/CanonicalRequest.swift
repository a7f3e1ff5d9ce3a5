/// The canonical form of a request that SigV4 hashes, built the way botocore builds it for every
/// service but S3: dot segments and empty segments removed from the path, the path encoded again,
/// the query sorted as sent, header names lower-cased and values' whitespace collapsed.
///
/// The signer has it written as UTF-8 into temporary memory and hashes it there: building it from
/// Strings and a dictionary of headers cost most of a signature in allocation and reference counting.
public struct CanonicalRequest: Sendable, Equatable {
    let bytes: [UInt8]
    /// Where the lower-cased names joined with ";" sit in `bytes`.
    private let signedHeadersRange: Range<Int>

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var signedHeaders: String { String(decoding: bytes[signedHeadersRange], as: UTF8.self) }

    public init(_ request: HTTPRequest, endpoint: Endpoint, payloadHash: String) {
        (bytes, signedHeadersRange) = Self.withBytes(of: request, endpoint: endpoint, payloadHash: .text(payloadHash)) {
            (Array($0), $1)
        }
    }

    /// Writes the canonical request into temporary memory and passes `body` its bytes and where in
    /// them the signed header names are (the Authorization header repeats them).
    // Always inlined, like SignedHeaders.with and SigV4Signer.withStringToSign: otherwise the
    // closures' contexts hold copies of the request and endpoint, and retaining and releasing
    // their fields cost a third of a signature.
    @inline(__always)
    static func withBytes<Result>(
        of request: HTTPRequest, endpoint: Endpoint, payloadHash: PayloadHash,
        _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Result
    ) -> Result {
        SignedHeaders.with(request.headers, hostHeader: endpoint.hostHeader) { headers in
            // Every part at its longest: an empty path becomes "/" and normalising never
            // lengthens one, percent-encoding at most triples it, and a query pair without "="
            // gains one; then the five newlines between the parts.
            let capacity = casedCapacity(request.method) + 3 * (endpoint.path.utf8.count + 1)
                + (endpoint.query.map { 2 * $0.utf8.count + 1 } ?? 0) + headers.byteCount + payloadHash.byteCount + 5
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                var writer = ByteWriter(buffer)
                appendCased(request.method, lower: false, to: &writer)
                writer.append(UInt8(ascii: "\n"))
                appendCanonicalPath(endpoint.path, to: &writer)
                writer.append(UInt8(ascii: "\n"))
                appendCanonicalQuery(endpoint.query, to: &writer)
                writer.append(UInt8(ascii: "\n"))
                headers.appendLines(to: &writer)
                writer.append(UInt8(ascii: "\n"))
                let signedStart = writer.count
                headers.appendNames(to: &writer)
                let signedHeaders = signedStart..<writer.count
                writer.append(UInt8(ascii: "\n"))
                payloadHash.append(to: &writer)
                return body(writer.written(from: 0), signedHeaders)
            }
        }
    }

    /// Room for `text` upper- or lower-cased: Unicode case mapping at most triples UTF-8 ("ΐ").
    static func casedCapacity(_ text: String) -> Int {
        3 * text.utf8.count
    }

    /// Writes `text` upper- or lower-cased: byte by byte when it is ASCII (header names and
    /// methods always are), by Unicode case mapping otherwise.
    static func appendCased(_ text: String, lower: Bool, to writer: inout ByteWriter) {
        let start = writer.count
        let (first, shift) = lower ? (UInt8(ascii: "A"), 0x20 as UInt8) : (UInt8(ascii: "a"), 0xE0 as UInt8)
        text.withUTF8Bytes { bytes in
            for byte in bytes {
                guard byte < 0x80 else {
                    writer.rewind(to: start)
                    writer.append(lower ? text.lowercased() : text.uppercased())
                    return
                }
                writer.append(byte &- first < 26 ? byte &+ shift : byte)
            }
        }
    }

    /// RFC 3986 dot-segment removal plus AWS's collapse of empty segments, then percent-encoding
    /// of everything but unreserved characters and "/" (so "%20" on the wire signs as "%2520").
    static func appendCanonicalPath(_ path: String, to writer: inout ByteWriter) {
        guard !path.isEmpty else {
            writer.append(UInt8(ascii: "/"))
            return
        }
        PercentEncoding.append(isNormalised(path) ? path : normalised(path), keeping: "/", to: &writer)
    }

    /// Whether `normalised` would return the path unchanged: no "." or ".." segment and no empty
    /// one but before the first "/" or after the last. Nearly every API path is.
    static func isNormalised(_ path: String) -> Bool {
        path.withUTF8Bytes { bytes in
            var segmentLength = 0
            var onlyDots = true
            var isFirstSegment = true
            for byte in bytes {
                if byte == UInt8(ascii: "/") {
                    if onlyDots && segmentLength <= 2 && !(segmentLength == 0 && isFirstSegment) { return false }
                    segmentLength = 0
                    onlyDots = true
                    isFirstSegment = false
                } else {
                    segmentLength += 1
                    onlyDots = onlyDots && byte == UInt8(ascii: ".")
                }
            }
            return !(onlyDots && (segmentLength == 1 || segmentLength == 2))
        }
    }

    static func normalised(_ path: String) -> String {
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
        return normalised
    }

    /// Pairs split at the first "=", sorted by name then value as bytes, as sent (already encoded).
    static func appendCanonicalQuery(_ query: String?, to writer: inout ByteWriter) {
        guard let query, !query.isEmpty else { return }
        query.withUTF8Bytes { text in
            var pairs: [(name: Range<Int>, value: Range<Int>)] = []
            var start = 0
            for end in 0...text.count where end == text.count || text[end] == UInt8(ascii: "&") {
                let pair = start..<end
                if let equals = text[pair].firstIndex(of: UInt8(ascii: "=")) {
                    pairs.append((start..<equals, equals + 1..<end))
                } else {
                    pairs.append((pair, end..<end))
                }
                start = end + 1
            }
            pairs.sort { lhs, rhs in
                let (left, right) = (text[lhs.name], text[rhs.name])
                if !left.elementsEqual(right) { return left.lexicographicallyPrecedes(right) }
                return text[lhs.value].lexicographicallyPrecedes(text[rhs.value])
            }
            for (position, pair) in pairs.enumerated() {
                if position > 0 { writer.append(UInt8(ascii: "&")) }
                writer.append(UnsafeBufferPointer(rebasing: text[pair.name]))
                writer.append(UInt8(ascii: "="))
                writer.append(UnsafeBufferPointer(rebasing: text[pair.value]))
            }
        }
    }
}
