/// Lower-case hex, the form SigV4 prints digests in.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func append(_ bytes: UnsafeRawBufferPointer, to writer: inout ByteWriter) {
        let digits = digits.utf8Start
        for byte in bytes {
            writer.append(digits[Int(byte >> 4)])
            writer.append(digits[Int(byte & 0x0f)])
        }
    }

    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(utf8Capacity: 2 * bytes.count) { append(bytes, to: &$0) }
    }
}
