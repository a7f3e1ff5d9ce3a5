import Foundation
import JWTKit
import Logging

/// Turns an `Authorization` header into a principal, or a 401 saying what is wrong with it. The
/// signature is jwt-kit's to check; this pins the algorithm first (HS256 with the secret; with a
/// JWKS, the one the token's key declares), so `alg: none` and key-confusion tokens (HS256 signed
/// with an RSA public key as the HMAC secret) never reach a verifier, and then checks the
/// lifetime, `iss`, `aud`, the role and the environments. Messages never repeat the token.
public struct TokenVerifier: Sendable {
    public static let secretAlgorithm = "HS256"

    private enum Keys: Sendable {
        case secret(JWTKeyCollection)
        case jwks(JWKSKeySet)
    }

    private let keys: Keys
    public let policy: TokenPolicy

    /// Ready to verify: with a JWKS, once the set is fetched (a failure names the URL).
    public static func open(_ policy: TokenPolicy, logger: Logger) async throws -> TokenVerifier {
        switch policy.keys {
        case .secret(let secret):
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: secret.bytes), digestAlgorithm: .sha256)
            return TokenVerifier(keys: .secret(keys), policy: policy)
        case .jwks(let endpoint):
            return TokenVerifier(keys: .jwks(try await JWKSKeySet.load(endpoint, logger: logger)), policy: policy)
        }
    }

    private init(keys: Keys, policy: TokenPolicy) {
        self.keys = keys
        self.policy = policy
    }

    public func principal(authorization: String?) async throws(TokenRejection) -> Principal {
        guard let authorization, !authorization.isEmpty else {
            throw TokenRejection("missing bearer token: send Authorization: Bearer <token>\(howToGetOne)")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw TokenRejection("the Authorization header must use the Bearer scheme")
        }
        let token = String(parts[1])
        let keys = try await verificationKeys(for: Self.header(of: token))
        let claims: VerifiedClaims
        do {
            claims = try await keys.verify(token, as: VerifiedClaims.self)
        } catch let rejection as TokenRejection {
            throw rejection
        } catch let error as JWTError {
            throw TokenRejection(Self.message(for: error))
        } catch {
            throw TokenRejection("token could not be verified")
        }
        return try principal(from: claims)
    }

    private var howToGetOne: String {
        switch keys {
        case .secret: return " (make one with `cygnid token`)"
        case .jwks: return " (a token from your identity provider)"
        }
    }

    /// The keys to verify with, once the header's algorithm is the one they are pinned to.
    private func verificationKeys(for header: JWTHeader) async throws(TokenRejection) -> JWTKeyCollection {
        guard let algorithm = header.alg else { throw TokenRejection("token header names no algorithm (alg)") }
        switch keys {
        case .secret(let keys):
            guard algorithm == Self.secretAlgorithm else {
                throw TokenRejection("token algorithm \(Self.printable(algorithm)) is not accepted; this server accepts \(Self.secretAlgorithm) only")
            }
            return keys
        case .jwks(let set):
            let accepted = await set.algorithms
            // Checked before the key is looked up, so that refused tokens never cause a fetch.
            guard accepted.contains(algorithm) else {
                throw TokenRejection(
                    "token algorithm \(Self.printable(algorithm)) is not accepted; this server accepts \(accepted.sorted().joined(separator: ", ")) from the keys at \(set.endpoint.url)")
            }
            guard let kid = header.kid, !kid.isEmpty else {
                throw TokenRejection("token header names no key (kid); the keys at \(set.endpoint.url) are told apart by kid")
            }
            guard let key = await set.key(for: kid) else {
                throw TokenRejection("token key \(Self.printable(kid)) is not among the keys at \(set.endpoint.url)")
            }
            guard key.algorithm == algorithm else {
                throw TokenRejection("token algorithm \(Self.printable(algorithm)) does not match key \(Self.printable(kid)), which is \(key.algorithm)")
            }
            return key.keys
        }
    }

    private func principal(from claims: VerifiedClaims) throws(TokenRejection) -> Principal {
        let subject = claims.subject
        if let issuer = policy.issuer {
            guard let claimed = claims.issuer else {
                throw TokenRejection("token has no issuer (iss claim); \(issuer) is required", verifiedSubject: subject)
            }
            guard claimed == issuer else {
                throw TokenRejection("token issuer \(Self.printable(claimed)) is not \(issuer)", verifiedSubject: subject)
            }
        }
        if let audience = policy.audience {
            guard let claimed = claims.audience else {
                throw TokenRejection("token has no audience (aud claim); \(audience) is required", verifiedSubject: subject)
            }
            guard (try? claimed.verifyIntendedAudience(includes: audience)) != nil else {
                throw TokenRejection("token audience does not include \(audience)", verifiedSubject: subject)
            }
        }
        guard let subject, !subject.isEmpty else { throw TokenRejection("token has no subject (sub claim)") }
        let role: Role
        switch policy.roleClaim.role(in: claims.named) {
        case .success(let granted): role = granted
        case .failure(let problem): throw TokenRejection(problem.description, verifiedSubject: subject)
        }
        let environments: Set<String>?
        switch claims.named["environments"] {
        case nil: environments = nil
        case .text(let name): environments = [name]
        case .list(let names): environments = Set(names)
        case .other: throw TokenRejection("token claim environments is not a list of environment names", verifiedSubject: subject)
        }
        return Principal(subject: subject, role: role, environments: environments)
    }

    /// The header's `alg` and `kid`, read (by jwt-kit's header type) only to choose and pin the
    /// key; jwt-kit verifies.
    private static func header(of token: String) throws(TokenRejection) -> JWTHeader {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let header = Data(base64URL: String(segments[0])),
            let fields = try? JSONDecoder().decode(JWTHeader.self, from: header)
        else {
            throw TokenRejection("the bearer token is not a JWT (three base64url parts)")
        }
        return fields
    }

    private static func message(for error: JWTError) -> String {
        switch error.errorType {
        case .signatureVerificationFailed:
            return "token signature does not verify with this server's key"
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
