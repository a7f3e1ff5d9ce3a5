import Foundation
import JWTKit

/// The claims of a token `cygnid token` signs. The server reads tokens as `VerifiedClaims`,
/// which takes the role from whichever claim it is configured to.
public struct TokenClaims: JWTPayload, Equatable {
    public var sub: SubjectClaim?
    public var iat: IssuedAtClaim?
    public var exp: ExpirationClaim?
    public var nbf: NotBeforeClaim?
    public var role: String?
    public var environments: [String]?
    public var iss: IssuerClaim?
    public var aud: AudienceClaim?

    public init(
        subject: String, role: Role, issuedAt: Date, expiresAt: Date, environments: [String]? = nil,
        issuer: String? = nil, audience: String? = nil
    ) {
        sub = SubjectClaim(value: subject)
        iat = IssuedAtClaim(value: issuedAt)
        exp = ExpirationClaim(value: expiresAt)
        self.role = role.rawValue
        self.environments = environments
        iss = issuer.map { IssuerClaim(value: $0) }
        aud = audience.map { AudienceClaim(value: [$0]) }
    }

    /// Called by jwt-kit when a token is verified as these claims: the lifetime, with the leeway.
    public func verify(using _: some JWTAlgorithm) async throws {
        if let problem = TokenLifetime.problem(expiresAt: exp?.value, notBefore: nbf?.value, now: Date()) {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: problem)
        }
    }
}
