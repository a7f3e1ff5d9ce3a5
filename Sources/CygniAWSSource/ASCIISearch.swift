extension String {
    /// Whether the text contains `needle` (lower-case ASCII, such as a hex trace id), ignoring
    /// ASCII case. Works on UTF-8 bytes: lower-casing and searching 100,000 log lines through
    /// Foundation took more time than fetching them.
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var text = self
        return text.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            var start = 0
            while start <= bytes.count - pattern.count {
                if Self.lowered(bytes[start]) == first {
                    var offset = 1
                    while offset < pattern.count && Self.lowered(bytes[start + offset]) == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (0x41...0x5a).contains(byte) ? byte | 0x20 : byte
    }
}
