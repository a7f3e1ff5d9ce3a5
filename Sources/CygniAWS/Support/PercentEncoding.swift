/// RFC 3986 percent-encoding of UTF-8 bytes, keeping only unreserved characters (and `keeping`).
/// This is the encoding SigV4 and the AWS query protocol require; "+" and " " are always encoded.
public enum PercentEncoding {
    private static let hex: StaticString = "0123456789ABCDEF"

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    public static func encode(_ text: String, keeping kept: Unicode.Scalar? = nil) -> String {
        String(utf8Capacity: 3 * text.utf8.count) { append(text, keeping: kept, to: &$0) }
    }

    /// Writes the encoding of `text`, at most three bytes for each of its UTF-8 bytes.
    static func append(_ text: String, keeping kept: Unicode.Scalar? = nil, to writer: inout ByteWriter) {
        let keptByte = kept.map { UInt8($0.value) }
        let hex = hex.utf8Start
        text.withUTF8Bytes { bytes in
            for byte in bytes {
                if isUnreserved(byte) || byte == keptByte {
                    writer.append(byte)
                } else {
                    writer.append(UInt8(ascii: "%"))
                    writer.append(hex[Int(byte >> 4)])
                    writer.append(hex[Int(byte & 0x0f)])
                }
            }
        }
    }
}
