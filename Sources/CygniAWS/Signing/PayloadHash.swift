/// The hash a canonical request ends with: given as text (X-Amz-Content-SHA256, the empty
/// body's), or a digest of the body, written in hex straight into the canonical request.
enum PayloadHash {
    case text(String)
    case digest(SHA256Digest)

    var byteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .digest: 2 * SHA256Digest.byteCount
        }
    }

    func append(to writer: inout ByteWriter) {
        switch self {
        case .text(let text): writer.append(text)
        case .digest(let digest): digest.withUnsafeBytes { Hex.append($0, to: &writer) }
        }
    }
}
