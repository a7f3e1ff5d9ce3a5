/// What a token must be for this server to accept it: signed with which keys, for which issuer
/// and audience, and which claim holds its role.
public struct TokenPolicy: Sendable {
    public enum Keys: Sendable {
        /// HS256 with the secret `cygnid token` signs with.
        case secret(SigningSecret)
        /// An identity provider's keys (OIDC single sign-on): RS256, ES256 or whatever each key
        /// declares; HS256 is refused.
        case jwks(JWKSEndpoint)
    }

    public var keys: Keys
    /// Required `iss` and `aud` claims, when set (always set with a JWKS: a provider signs tokens
    /// for every application it serves, and only the audience tells this one's apart).
    public var issuer: String?
    public var audience: String?
    public var roleClaim: RoleClaim

    public init(keys: Keys, issuer: String? = nil, audience: String? = nil, roleClaim: RoleClaim = .standard) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.roleClaim = roleClaim
    }
}
