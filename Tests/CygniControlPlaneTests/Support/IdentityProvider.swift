import CygniControlPlane
import CygniHarness
import Foundation
import Hummingbird
import JWTKit
import Logging
import ServiceLifecycle

/// A loopback identity provider for the single sign-on tests: keys made here (RSA by openssl,
/// P-256 by jwt-kit), its JWKS served over real HTTP by Hummingbird, tokens signed with its keys
/// by jwt-kit. Keys can be published after start (a rotation), and the fetches are counted.
final class IdentityProvider: Sendable {
    static let issuer = "https://idp.cygni.test/oauth2/default"
    static let audience = "api://cygnid"

    let port: Int
    let rsa: SigningKey
    let ecdsa: SigningKey
    private let published: Published
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    var jwksURL: String { "http://127.0.0.1:\(port)/oauth2/default/v1/keys" }

    static func start() async throws -> IdentityProvider {
        let rsa = try await SigningKey.rsa(kid: "rsa-1")
        let ecdsa = try await SigningKey.ecdsa(kid: "ec-1")
        let published = Published(keys: [rsa.publicJWK, ecdsa.publicJWK])
        let router = Router()
        router.get("/oauth2/default/v1/keys") { _, _ -> Response in
            let body = try JSONEncoder().encode(JWKS(keys: await published.fetch()))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "identity-provider")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: app)], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("the identity provider never listened") }
        return IdentityProvider(port: port, rsa: rsa, ecdsa: ecdsa, published: published, group: group, running: running)
    }

    private init(port: Int, rsa: SigningKey, ecdsa: SigningKey, published: Published, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.rsa = rsa
        self.ecdsa = ecdsa
        self.published = published
        self.group = group
        self.running = running
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// How many times the JWKS was fetched.
    var fetches: Int { get async { await published.fetches } }

    func publish(_ key: SigningKey) async {
        await published.add(key.publicJWK)
    }

    /// The policy a server trusting this provider runs with.
    func policy(minimumRefreshInterval: Duration = .seconds(60), roleClaim: RoleClaim = .standard) -> TokenPolicy {
        var endpoint = JWKSEndpoint(url: jwksURL)
        endpoint.minimumRefreshInterval = minimumRefreshInterval
        return TokenPolicy(keys: .jwks(endpoint), issuer: Self.issuer, audience: Self.audience, roleClaim: roleClaim)
    }

    /// A token as this provider issues them, signed with `key` (the RSA one by default).
    func token(
        subject: String = "alice", role: Role? = .viewer, key: SigningKey? = nil, issuer: String = IdentityProvider.issuer,
        audience: String = IdentityProvider.audience, issuedAt: Date = Date(), ttl: TimeInterval = 3_600, notBefore: Date? = nil,
        environments: [String]? = nil, extra: [String: [String]] = [:]
    ) async throws -> String {
        let claims = Self.claims(
            subject: subject, role: role, issuer: issuer, audience: audience, issuedAt: issuedAt, ttl: ttl, notBefore: notBefore,
            environments: environments, extra: extra)
        return try await (key ?? rsa).sign(claims)
    }

    /// The claims of such a token: this provider's issuer, the server's audience, and `extra`
    /// claims such as `groups`.
    static func claims(
        subject: String = "alice", role: Role? = .viewer, issuer: String = IdentityProvider.issuer, audience: String = IdentityProvider.audience,
        issuedAt: Date = Date(), ttl: TimeInterval = 3_600, notBefore: Date? = nil, environments: [String]? = nil,
        extra: [String: [String]] = [:]
    ) -> ProviderClaims {
        ProviderClaims(
            sub: SubjectClaim(value: subject), iss: IssuerClaim(value: issuer), aud: AudienceClaim(value: [audience]),
            iat: IssuedAtClaim(value: issuedAt), exp: ExpirationClaim(value: issuedAt.addingTimeInterval(ttl)),
            nbf: notBefore.map { NotBeforeClaim(value: $0) }, role: role?.rawValue, environments: environments, extra: extra)
    }

    /// The JWKS as served, and how often it was asked for.
    private actor Published {
        private var keys: [JWK]
        private(set) var fetches = 0

        init(keys: [JWK]) {
            self.keys = keys
        }

        func fetch() -> [JWK] {
            fetches += 1
            return keys
        }

        func add(_ key: JWK) {
            keys.append(key)
        }
    }
}

/// One of the provider's keys: the private half signs, the public half is published.
struct SigningKey: Sendable {
    let kid: String
    let publicJWK: JWK
    /// The public key as PEM text: what a key-confusion forger uses as an HMAC secret.
    let publicPEM: String
    private let signer: JWTKeyCollection

    /// A 2048-bit RSA key made by openssl, for RS256.
    static func rsa(kid: String) async throws -> SigningKey {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("idp-\(UUID().uuidString).pem").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let made = await ProgramRun.runAside(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path])
        guard made.status == 0 else { throw TestFailure("openssl genpkey: \(made.output)") }
        let privateKey = try Insecure.RSA.PrivateKey(pem: try String(contentsOfFile: path, encoding: .utf8))
        let (modulus, exponent) = try privateKey.publicKey.getKeyPrimitives()
        let signer = JWTKeyCollection()
        await signer.add(rsa: privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return SigningKey(
            kid: kid,
            publicJWK: .rsa(.rs256, identifier: JWKIdentifier(string: kid), modulus: Tokens.base64URL(modulus), exponent: Tokens.base64URL(exponent)),
            publicPEM: privateKey.publicKey.pemRepresentation, signer: signer)
    }

    /// A P-256 key, for ES256; published without `alg`, as some providers do, so the server
    /// must pin it from the curve.
    static func ecdsa(kid: String) async throws -> SigningKey {
        let privateKey = ES256PrivateKey()
        guard let parameters = privateKey.publicKey.parameters else { throw TestFailure("no P-256 parameters") }
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: privateKey, kid: JWKIdentifier(string: kid))
        return SigningKey(
            kid: kid, publicJWK: .ecdsa(nil, identifier: JWKIdentifier(string: kid), x: parameters.x, y: parameters.y, curve: .p256),
            publicPEM: privateKey.publicKey.pemRepresentation, signer: signer)
    }

    func sign(_ claims: some JWTPayload) async throws -> String {
        try await signer.sign(claims, kid: JWKIdentifier(string: kid))
    }
}

/// The claims an identity provider puts in an access token, with any extra list claims (groups).
struct ProviderClaims: JWTPayload {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var aud: AudienceClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var role: String?
    var environments: [String]?
    var extra: [String: [String]]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        try container.encode(sub, forKey: Name("sub"))
        try container.encode(iss, forKey: Name("iss"))
        try container.encode(aud, forKey: Name("aud"))
        try container.encode(iat, forKey: Name("iat"))
        try container.encode(exp, forKey: Name("exp"))
        try container.encodeIfPresent(nbf, forKey: Name("nbf"))
        try container.encodeIfPresent(role, forKey: Name("role"))
        try container.encodeIfPresent(environments, forKey: Name("environments"))
        for (name, values) in extra { try container.encode(values, forKey: Name(name)) }
    }

    init(
        sub: SubjectClaim, iss: IssuerClaim, aud: AudienceClaim, iat: IssuedAtClaim, exp: ExpirationClaim, nbf: NotBeforeClaim?,
        role: String?, environments: [String]?, extra: [String: [String]]
    ) {
        self.sub = sub
        self.iss = iss
        self.aud = aud
        self.iat = iat
        self.exp = exp
        self.nbf = nbf
        self.role = role
        self.environments = environments
        self.extra = extra
    }

    init(from _: any Decoder) throws { throw TestFailure("the tests sign these claims, never read them") }

    /// Signing only: the server under test does the verifying.
    func verify(using _: some JWTAlgorithm) async throws {}

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue _: Int) { nil }
    }
}
