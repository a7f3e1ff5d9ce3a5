import CygniControlPlane
import Foundation

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

    /// An unsigned token (`alg: none`) claiming to be an admin: the classic forgery.
    static func unsigned(subject: String = "mallory") -> String {
        let header = base64URL(#"{"alg":"none","typ":"JWT"}"#)
        let exp = Int(Date().timeIntervalSince1970) + 3_600
        let payload = base64URL(#"{"sub":"\#(subject)","role":"admin","exp":\#(exp)}"#)
        return "\(header).\(payload)."
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A secret no server here uses: its tokens fail the signature check.
    static func otherSecret() throws -> SigningSecret {
        try SigningSecret(bytes: Array(repeating: 7, count: 32))
    }
}
