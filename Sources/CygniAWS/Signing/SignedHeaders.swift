/// The headers a request signs, in SigV4's order: lower-cased names sorted as bytes, the values of
/// a repeated name in the order sent (joined with ","), and the endpoint's Host when the request
/// has none. The names are written into one temporary buffer and sorted as indices into it, so
/// that no String or dictionary is built per header.
struct SignedHeaders {
    /// Headers a proxy or libcurl may change on the way; botocore leaves them out too.
    static let unsigned: [[UInt8]] = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ].map { Array($0.utf8) }

    private static let host = Array("host".utf8)

    private struct Entry {
        /// Where the lower-cased name sits in `names`.
        var name: Range<Int>
        /// Which request header it is; `headers.count` for the Host header taken from the endpoint.
        var header: Int
        /// Whether the entry before has the same name, so this value joins that line.
        var repeatsName = false
    }

    private let headers: [(name: String, value: String)]
    private let hostHeader: String
    private let names: UnsafeBufferPointer<UInt8>
    private let entries: UnsafeBufferPointer<Entry>
    /// At most how many bytes `appendLines` and `appendNames` write together.
    let byteCount: Int

    /// Passes `body` the signed headers, whose buffers live only until it returns.
    @inline(__always)
    static func with<Result>(_ headers: [(name: String, value: String)], hostHeader: String, _ body: (SignedHeaders) -> Result) -> Result {
        let nameCapacity = headers.reduce(host.count) { $0 + CanonicalRequest.casedCapacity($1.name) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: nameCapacity) { nameBuffer in
            withUnsafeTemporaryAllocation(of: Entry.self, capacity: headers.count + 1) { entryBuffer in
                var names = ByteWriter(nameBuffer)
                var count = 0
                // Values only shrink when their whitespace collapses; names may grow when lower-cased.
                var byteCount = 0
                var hasHost = false
                for (index, header) in headers.enumerated() {
                    let start = names.count
                    CanonicalRequest.appendCased(header.name, lower: true, to: &names)
                    let name = names.written(from: start)
                    if unsigned.contains(where: { $0.count == name.count && $0.elementsEqual(name) }) {
                        names.rewind(to: start)
                        continue
                    }
                    hasHost = hasHost || name.elementsEqual(host)
                    entryBuffer.initializeElement(at: count, to: Entry(name: start..<names.count, header: index))
                    count += 1
                    byteCount += 2 * name.count + header.value.utf8.count + 3
                }
                if !hasHost {
                    let start = names.count
                    names.append(host)
                    entryBuffer.initializeElement(at: count, to: Entry(name: start..<names.count, header: headers.count))
                    count += 1
                    byteCount += 2 * host.count + hostHeader.utf8.count + 3
                }
                let nameBytes = names.written(from: 0)
                var entries = UnsafeMutableBufferPointer(rebasing: entryBuffer[..<count])
                // Same names keep the order they were sent in.
                entries.sort { lhs, rhs in
                    let (left, right) = (nameBytes[lhs.name], nameBytes[rhs.name])
                    return left.elementsEqual(right) ? lhs.header < rhs.header : left.lexicographicallyPrecedes(right)
                }
                for position in entries.indices.dropFirst() {
                    entries[position].repeatsName = nameBytes[entries[position - 1].name].elementsEqual(nameBytes[entries[position].name])
                }
                return body(SignedHeaders(
                    headers: headers, hostHeader: hostHeader, names: nameBytes, entries: UnsafeBufferPointer(entries), byteCount: byteCount
                ))
            }
        }
    }

    /// `name:value[,value...]\n` for each name.
    func appendLines(to writer: inout ByteWriter) {
        for (position, entry) in entries.enumerated() {
            if entry.repeatsName {
                writer.append(UInt8(ascii: ","))
            } else {
                if position > 0 { writer.append(UInt8(ascii: "\n")) }
                writer.append(UnsafeBufferPointer(rebasing: names[entry.name]))
                writer.append(UInt8(ascii: ":"))
            }
            if entry.header < headers.count {
                Self.appendCollapsingWhitespace(headers[entry.header].value, to: &writer)
            } else {
                writer.append(hostHeader)
            }
        }
        writer.append(UInt8(ascii: "\n"))
    }

    /// The names joined with ";".
    func appendNames(to writer: inout ByteWriter) {
        for (position, entry) in entries.enumerated() where !entry.repeatsName {
            if position > 0 { writer.append(UInt8(ascii: ";")) }
            writer.append(UnsafeBufferPointer(rebasing: names[entry.name]))
        }
    }

    /// Writes a header value trimmed, with each run of whitespace inside it made one space.
    static func appendCollapsingWhitespace(_ value: String, to writer: inout ByteWriter) {
        value.withUTF8Bytes { bytes in
            // Header values are nearly always ASCII: collapse on bytes, skipping the Unicode
            // property lookups of Character.isWhitespace.
            let start = writer.count
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else {
                    writer.rewind(to: start)
                    writer.append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
                    return
                }
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = writer.count > start
                    continue
                }
                if pendingSpace {
                    writer.append(0x20)
                    pendingSpace = false
                }
                writer.append(byte)
            }
        }
    }
}
