import Foundation
import JWTKit

/// A token's claims as the verifier reads them once the signature checks out: the registered
/// claims it checks, and every other claim by name, so that the role can come from whichever
/// claim an identity provider puts it in (`role`, `groups`, `cognito:groups`, `roles`).
struct VerifiedClaims: JWTPayload {
    /// A claim other than the registered ones. Roles and environments are read only from text or
    /// a list of texts; any other shape is refused rather than read as "no limit".
    enum Value: Equatable, Sendable {
        case text(String)
        case list([String])
        case other
    }

    var subject: String?
    var expiresAt: Date?
    var notBefore: Date?
    var issuer: String?
    var audience: AudienceClaim?
    var named: [String: Value] = [:]

    private static let registered: Set<String> = ["sub", "exp", "nbf", "iat", "iss", "aud", "jti"]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ClaimName.self)
        subject = try container.decodeIfPresent(SubjectClaim.self, forKey: ClaimName("sub"))?.value
        expiresAt = try container.decodeIfPresent(ExpirationClaim.self, forKey: ClaimName("exp"))?.value
        notBefore = try container.decodeIfPresent(NotBeforeClaim.self, forKey: ClaimName("nbf"))?.value
        issuer = try container.decodeIfPresent(IssuerClaim.self, forKey: ClaimName("iss"))?.value
        audience = try container.decodeIfPresent(AudienceClaim.self, forKey: ClaimName("aud"))
        for key in container.allKeys where !Self.registered.contains(key.stringValue) {
            if let text = try? container.decode(String.self, forKey: key) {
                named[key.stringValue] = .text(text)
            } else if let list = try? container.decode([String].self, forKey: key) {
                named[key.stringValue] = .list(list)
            } else {
                named[key.stringValue] = .other
            }
        }
    }

    /// Only read: tokens are signed from `TokenClaims`.
    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(self, .init(codingPath: [], debugDescription: "verified claims are never signed again"))
    }

    /// jwt-kit calls this right after the signature verifies: the lifetime, refused with the
    /// subject named, since the signature vouches for it.
    func verify(using _: some JWTAlgorithm) async throws {
        if let problem = TokenLifetime.problem(expiresAt: expiresAt, notBefore: notBefore, now: Date()) {
            throw TokenRejection(problem, verifiedSubject: subject)
        }
    }

    private struct ClaimName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue _: Int) { nil }
    }
}
