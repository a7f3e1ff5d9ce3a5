import Foundation

/// Signs requests with AWS Signature Version 4 (header form). Derived signing keys are cached per
/// key, day, region and service, since deriving one costs four HMACs, and the time stamps per
/// second. The canonical request and string to sign are written into temporary memory and
/// hashed there; the Authorization header is the one string a signature allocates.
public final class SigV4Signer: Sendable {
    static let algorithm = "AWS4-HMAC-SHA256"

    /// A handful in practice (services times regions): a scan comparing Strings, which are
    /// usually the very same ones, is cheaper than hashing four of them for a dictionary.
    private let keys = Locked<[SigningKey]>([])
    private let lastTime = Locked<SigningTime?>(nil)

    public init() {}

    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Adds X-Amz-Date, X-Amz-Security-Token (with a session token) and Authorization.
    public func sign(_ request: inout HTTPRequest, credentials: Credentials, region: String, service: String, date: Date) {
        guard let endpoint = Endpoint(request.url) else { return }
        let time = signingTime(date)
        // One copy of the shared header array, with room for what signing adds.
        request.headers.reserveCapacity(request.headers.count + 3)
        request.removeHeader("Authorization")
        request.setHeader("X-Amz-Date", time.timestamp)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        let payloadHash: PayloadHash = if let given = request.header("X-Amz-Content-SHA256") {
            .text(given)
        } else if request.body.isEmpty {
            .text(Self.emptyPayloadHash)
        } else {
            .digest(SHA256Hasher.hash(request.body))
        }
        let key = signingKey(credentials: credentials, day: time.day, region: region, service: service)
        let authorization = CanonicalRequest.withBytes(of: request, endpoint: endpoint, payloadHash: payloadHash) { canonical, signedHeaders in
            let signature = Self.withStringToSign(canonical: canonical, timestamp: time.timestamp, scope: key.scope) { key.hmac.authenticate($0) }
            return key.authorization(signedHeaders: UnsafeBufferPointer(rebasing: canonical[signedHeaders]), signature: signature)
        }
        request.headers.append(("Authorization", authorization))
    }

    public static func stringToSign(canonical: CanonicalRequest, timestamp: String, scope: String) -> String {
        canonical.bytes.withUnsafeBufferPointer { canonical in
            withStringToSign(canonical: canonical, timestamp: timestamp, scope: scope) { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Writes `AWS4-HMAC-SHA256\n<timestamp>\n<scope>\n<hex SHA-256 of the canonical request>`
    /// into temporary memory for `body`.
    @inline(__always)
    static func withStringToSign<Result>(
        canonical: UnsafeBufferPointer<UInt8>, timestamp: String, scope: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let capacity = algorithm.utf8.count + timestamp.utf8.count + scope.utf8.count + 3 + 2 * SHA256Digest.byteCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = ByteWriter(buffer)
            writer.append(algorithm)
            writer.append(UInt8(ascii: "\n"))
            writer.append(timestamp)
            writer.append(UInt8(ascii: "\n"))
            writer.append(scope)
            writer.append(UInt8(ascii: "\n"))
            SHA256Hasher.hash(canonical).withUnsafeBytes { Hex.append($0, to: &writer) }
            return body(writer.written(from: 0))
        }
    }

    private func signingTime(_ date: Date) -> SigningTime {
        let second = SigningTime.second(of: date)
        if let time = lastTime.withLock({ $0 }), time.second == second { return time }
        let time = SigningTime(second: second)
        lastTime.withLock { $0 = time }
        return time
    }

    private func signingKey(credentials: Credentials, day: String, region: String, service: String) -> SigningKey {
        if let cached = keys.withLock({ $0.first { $0.matches(credentials, day: day, region: region, service: service) } }) {
            return cached
        }
        let key = SigningKey(credentials: credentials, day: day, region: region, service: service)
        keys.withLock { cache in
            // Days roll over and keys rotate; a small cache never needs more than a clear.
            if cache.count >= 32 { cache.removeAll() }
            cache.append(key)
        }
        return key
    }
}
