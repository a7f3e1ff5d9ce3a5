import CygniControlPlane
import Foundation
import JWTKit

/// Tokens for tests: good ones through the server's own issuer, bad ones built on purpose.
enum Tokens {
    static func sign(
        secret: SigningSecret, role: Role, subject: String = "alice", environments: [String]? = nil, ttl: TimeInterval = 3_600,
        issuedAt: Date = Date(), issuer: String? = nil, audience: String? = nil
    ) async throws -> String {
        let claims = TokenClaims(
            subject: subject, role: role, issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(ttl),
            environments: environments, issuer: issuer, audience: audience)
        return try await TokenIssuer(secret: secret).sign(claims)
    }

    /// An unsigned token (`alg: none`) claiming to be an admin: the classic forgery. With `kid`
    /// and `issuer`/`audience`, it names an identity provider's key and claims.
    static func unsigned(subject: String = "mallory", kid: String? = nil, issuer: String? = nil, audience: String? = nil) -> String {
        let kidMember = kid.map { #","kid":"\#($0)""# } ?? ""
        let header = base64URL(#"{"alg":"none","typ":"JWT"\#(kidMember)}"#)
        let exp = Int(Date().timeIntervalSince1970) + 3_600
        let extra = (issuer.map { #","iss":"\#($0)""# } ?? "") + (audience.map { #","aud":"\#($0)""# } ?? "")
        let payload = base64URL(#"{"sub":"\#(subject)","role":"admin","exp":\#(exp)\#(extra)}"#)
        return "\(header).\(payload)."
    }

    /// The key-confusion forgery: HS256 with an RSA public key's PEM text as the HMAC secret,
    /// naming that key, so that a server verifying "with the key the token names" would check
    /// an HMAC with public material anyone has.
    static func confused(_ claims: some JWTPayload, publicKeyPEM: String, kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: publicKeyPEM), digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    static func base64URL(_ text: String) -> String {
        base64URL(Data(text.utf8))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A secret no server here uses: its tokens fail the signature check.
    static func otherSecret() throws -> SigningSecret {
        try SigningSecret(bytes: Array(repeating: 7, count: 32))
    }
}
