import Foundation

/// Signs requests with AWS Signature Version 4 (header form). Derived signing keys are cached per
/// key, day, region and service, since deriving one costs four HMACs.
public final class SigV4Signer: Sendable {
    private struct KeyID: Hashable {
        let accessKeyID: String
        let day: String
        let region: String
        let service: String
    }

    // The secret is kept next to its derived key so a rotated secret under the same key id
    // never reuses a stale key.
    private let keys = Locked<[KeyID: (secret: String, key: [UInt8])]>([:])

    public init() {}

    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Adds X-Amz-Date, X-Amz-Security-Token (with a session token) and Authorization.
    public func sign(_ request: inout HTTPRequest, credentials: Credentials, region: String, service: String, date: Date) {
        guard let endpoint = Endpoint(request.url) else { return }
        let time = SigningTime(date)
        request.removeHeader("Authorization")
        request.setHeader("X-Amz-Date", time.timestamp)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        let payloadHash = request.header("X-Amz-Content-SHA256")
            ?? (request.body.isEmpty ? Self.emptyPayloadHash : Hex.encode(Digest.sha256(request.body)))
        let canonical = CanonicalRequest(request, endpoint: endpoint, payloadHash: payloadHash)
        let scope = "\(time.day)/\(region)/\(service)/aws4_request"
        let toSign = Self.stringToSign(canonical: canonical, timestamp: time.timestamp, scope: scope)
        let key = signingKey(credentials: credentials, day: time.day, region: region, service: service)
        let signature = Hex.encode(Digest.hmacSHA256(key: key, message: toSign))
        request.headers.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        ))
    }

    public static func stringToSign(canonical: CanonicalRequest, timestamp: String, scope: String) -> String {
        "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope)\n\(Hex.encode(Digest.sha256(canonical.text)))"
    }

    private func signingKey(credentials: Credentials, day: String, region: String, service: String) -> [UInt8] {
        let id = KeyID(accessKeyID: credentials.accessKeyID, day: day, region: region, service: service)
        if let cached = keys.withLock({ $0[id] }), cached.secret == credentials.secretAccessKey {
            return cached.key
        }
        let dateKey = Digest.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), message: day)
        let regionKey = Digest.hmacSHA256(key: dateKey, message: region)
        let serviceKey = Digest.hmacSHA256(key: regionKey, message: service)
        let key = Digest.hmacSHA256(key: serviceKey, message: "aws4_request")
        keys.withLock { cache in
            // Days roll over and keys rotate; a small cache never needs more than a clear.
            if cache.count >= 64 { cache.removeAll() }
            cache[id] = (credentials.secretAccessKey, key)
        }
        return key
    }
}
