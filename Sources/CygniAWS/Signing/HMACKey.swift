import Foundation

/// An HMAC-SHA256 key (RFC 2104) with both of its padded blocks already hashed, so that
/// authenticating a message costs the message's blocks and one more, not two extra key blocks.
struct HMACKey: Sendable {
    private static let blockSize = 64

    private let inner: SHA256Hasher
    private let outer: SHA256Hasher

    init(_ key: some ContiguousBytes) {
        // Longer keys are hashed first; shorter ones are padded with zeros.
        var block: [UInt8] = key.withUnsafeBytes { key in
            key.count > Self.blockSize ? SHA256Hasher.hash(key).withUnsafeBytes { Array($0) } : Array(key)
        }
        block += repeatElement(0, count: Self.blockSize - block.count)
        var inner = SHA256Hasher()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256Hasher()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    func authenticate(_ message: some ContiguousBytes) -> SHA256Digest {
        var inner = inner
        inner.update(message)
        var outer = outer
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
