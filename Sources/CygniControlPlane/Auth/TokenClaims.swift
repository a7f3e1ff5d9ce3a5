import Foundation
import JWTKit

/// The claims of a cygnid token. Everything the server relies on is optional here so that a
/// token missing one gets a 401 naming it, not an undecodable-token message.
public struct TokenClaims: JWTPayload, Equatable {
    /// Clock skew tolerated between the token's issuer and this server, for `exp` and `nbf`.
    public static let leeway: TimeInterval = 60

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

    /// Called by jwt-kit after the signature checks out: time claims, with the leeway.
    public func verify(using _: some JWTAlgorithm) async throws {
        guard let exp else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token has no expiry (exp claim)")
        }
        let now = Date()
        try exp.verifyNotExpired(currentDate: now.addingTimeInterval(-Self.leeway))
        try nbf?.verifyNotBefore(currentDate: now.addingTimeInterval(Self.leeway))
    }
}
