import Foundation
import JWTKit

/// Turns an `Authorization` header into a principal, or a 401 saying what is wrong with it. The
/// signature and time claims are jwt-kit's to check; this pins the algorithm first (HS256 only,
/// so `alg: none` and key-confusion tokens never reach a verifier) and checks `iss`/`aud` when
/// configured. Messages never repeat the token.
public struct TokenVerifier: Sendable {
    public static let algorithm = "HS256"

    private let keys: JWTKeyCollection
    public let issuer: String?
    public let audience: String?

    public init(secret: SigningSecret, issuer: String?, audience: String?) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret.bytes), digestAlgorithm: .sha256)
        self.issuer = issuer
        self.audience = audience
    }

    public func principal(authorization: String?) async throws(APIError) -> Principal {
        guard let authorization, !authorization.isEmpty else {
            throw .unauthorized("missing bearer token: send Authorization: Bearer <token> (make one with `cygnid token`)")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized("the Authorization header must use the Bearer scheme")
        }
        let token = String(parts[1])
        let algorithm = try Self.headerAlgorithm(token)
        guard algorithm == Self.algorithm else {
            throw .unauthorized("token algorithm \(Self.printable(algorithm)) is not accepted; this server accepts \(Self.algorithm) only")
        }
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self)
        } catch let error as JWTError {
            throw .unauthorized(Self.message(for: error))
        } catch {
            throw .unauthorized("token could not be verified")
        }
        return try principal(from: claims)
    }

    private func principal(from claims: TokenClaims) throws(APIError) -> Principal {
        if let issuer {
            guard let claimed = claims.iss?.value else { throw .unauthorized("token has no issuer (iss claim); \(issuer) is required") }
            guard claimed == issuer else { throw .unauthorized("token issuer \(Self.printable(claimed)) is not \(issuer)") }
        }
        if let audience {
            guard let claimed = claims.aud else { throw .unauthorized("token has no audience (aud claim); \(audience) is required") }
            guard (try? claimed.verifyIntendedAudience(includes: audience)) != nil else {
                throw .unauthorized("token audience does not include \(audience)")
            }
        }
        guard let subject = claims.sub?.value, !subject.isEmpty else { throw .unauthorized("token has no subject (sub claim)") }
        guard let roleName = claims.role else { throw .unauthorized("token has no role claim (one of \(Role.names))") }
        guard let role = Role(rawValue: roleName) else {
            throw .unauthorized("token role \(Self.printable(roleName)) is not one of \(Role.names)")
        }
        return Principal(subject: subject, role: role, environments: claims.environments.map(Set.init))
    }

    /// The header's `alg`, read only to refuse the wrong kind of token early; jwt-kit verifies.
    private static func headerAlgorithm(_ token: String) throws(APIError) -> String {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let header = Data(base64URL: String(segments[0])),
            let fields = try? JSONDecoder().decode(JWTHeader.self, from: header)
        else {
            throw .unauthorized("the bearer token is not a JWT (three base64url parts)")
        }
        guard let algorithm = fields.alg else { throw .unauthorized("token header names no algorithm (alg)") }
        return algorithm
    }

    private static func message(for error: JWTError) -> String {
        switch error.errorType {
        case .signatureVerificationFailed:
            return "token signature does not verify with this server's key"
        case .claimVerificationFailure:
            if error.failedClaim is ExpirationClaim { return "token expired (exp is in the past, beyond \(Int(TokenClaims.leeway)) s of leeway)" }
            if error.failedClaim is NotBeforeClaim { return "token is not valid yet (nbf is in the future)" }
            return error.reason ?? "a token claim failed verification"
        case .malformedToken:
            return "token could not be read (malformed header or claims)"
        default:
            return "token could not be verified"
        }
    }

    /// A claim value short and plain enough to name in a message; anything else is not repeated.
    static func printable(_ value: String) -> String {
        let plain = value.count <= 40 && value.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
        return plain ? "\"\(value)\"" : "(unprintable)"
    }
}

extension Data {
    /// Decodes base64url without padding, as JWT parts are written.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }
}
