/// Where an identity provider publishes its signing keys (its OIDC discovery document's
/// `jwks_uri`), and how often they are fetched again.
public struct JWKSEndpoint: Sendable, Equatable {
    public var url: String
    /// Fetches never come closer together than this, however many tokens name an unknown key:
    /// made-up key ids cannot turn this server against the provider.
    public var minimumRefreshInterval: Duration = .seconds(60)
    /// A key set this old is fetched again before use, so that a key the provider withdrew stops
    /// being trusted even when no token names a new one.
    public var maximumAge: Duration = .seconds(3_600)

    public init(url: String) {
        self.url = url
    }
}
