import Foundation

/// The 32 bytes of a SHA-256, held inline so that hashing allocates nothing.
struct SHA256Digest: Sendable, ContiguousBytes {
    static let byteCount = 32

    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    mutating func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeMutableBytes(of: &words, body)
    }

    /// Lower-case hex, the form SigV4 prints digests in.
    var hex: String {
        withUnsafeBytes { Hex.encode($0) }
    }
}
