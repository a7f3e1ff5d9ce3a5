import CZlib
import Foundation

/// gzip (RFC 1952) through zlib, for answers large enough to be worth it: a page of rollouts is
/// mostly repeated keys and timeline phrases, and leaves at a fifteenth of its size.
enum Gzip {
    /// Smaller bodies go as they are: the header and the work would cost more than they save.
    static let minimumSize = 1_024

    static func compress(_ data: Data, level: Int32 = 6) -> Data? {
        var stream = z_stream()
        guard cygni_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))))
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                // deflateBound leaves room for all of it, so one call finishes the stream.
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        output.count = Int(stream.total_out)
        return output
    }

    /// Whether an `Accept-Encoding` header takes gzip (RFC 9110 12.5.3: `gzip`, `x-gzip` or
    /// `*`, unless its weight is 0).
    static func isAccepted(by header: String?) -> Bool {
        // Asked on every list request: one lower-cased copy, then slices of it.
        guard let header = header?.lowercased(), header.contains("gzip") || header.contains("*") else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map(trimmed)
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { return false }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return weight > 0
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.drop { $0 == " " || $0 == "\t" }
        var end = start.endIndex
        while end > start.startIndex, [" ", "\t"].contains(start[start.index(before: end)]) { end = start.index(before: end) }
        return start[..<end]
    }
}
