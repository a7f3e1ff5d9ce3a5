import Foundation

/// The key SigV4 derives from a secret for one day, region and service (four HMACs), kept with
/// what it was derived from and with the start of every Authorization header it signs.
final class SigningKey: Sendable {
    private let accessKeyID: String
    // Kept so that a rotated secret under the same key id never reuses a stale key.
    private let secretAccessKey: String
    private let day: String
    private let region: String
    private let service: String
    /// `<day>/<region>/<service>/aws4_request`
    let scope: String
    let hmac: HMACKey
    /// `AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=`
    private let authorizationPrefix: [UInt8]

    init(credentials: Credentials, day: String, region: String, service: String) {
        accessKeyID = credentials.accessKeyID
        secretAccessKey = credentials.secretAccessKey
        self.day = day
        self.region = region
        self.service = service
        scope = "\(day)/\(region)/\(service)/aws4_request"
        var key = HMACKey(Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = HMACKey(key.authenticate(Array(part.utf8)))
        }
        hmac = key
        authorizationPrefix = Array("\(SigV4Signer.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=".utf8)
    }

    func matches(_ credentials: Credentials, day: String, region: String, service: String) -> Bool {
        service == self.service && region == self.region && day == self.day
            && credentials.accessKeyID == accessKeyID && credentials.secretAccessKey == secretAccessKey
    }

    func authorization(signedHeaders: UnsafeBufferPointer<UInt8>, signature: SHA256Digest) -> String {
        let separator: StaticString = ", Signature="
        let capacity = authorizationPrefix.count + signedHeaders.count + separator.utf8CodeUnitCount + 2 * SHA256Digest.byteCount
        return String(utf8Capacity: capacity) { writer in
            writer.append(authorizationPrefix)
            writer.append(signedHeaders)
            writer.append(UnsafeRawBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount))
            signature.withUnsafeBytes { Hex.append($0, to: &writer) }
        }
    }
}
