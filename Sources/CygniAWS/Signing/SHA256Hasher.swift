import COpenSSL
import Foundation

/// A SHA-256 in progress. It is a value: HMACKey copies one that has already absorbed a padded
/// key block instead of hashing the key again for every message.
struct SHA256Hasher: Sendable {
    private var context = SHA256_CTX()

    init() {
        cygni_sha256_init(&context)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        cygni_sha256_update(&context, bytes.baseAddress, bytes.count)
    }

    mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    consuming func finalize() -> SHA256Digest {
        var digest = SHA256Digest()
        digest.withUnsafeMutableBytes { cygni_sha256_final(&context, $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return digest
    }

    static func hash(_ bytes: some ContiguousBytes) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
