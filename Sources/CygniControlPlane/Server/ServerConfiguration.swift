/// Everything `cygnid serve` was told, already validated.
public struct ServerConfiguration: Sendable {
    public var listen: ListenAddress
    public var store: StoreLocation
    public var sandbox: SandboxOptions
    /// When set, the engine drives rollouts on AWS instead of the sandbox world.
    public var aws: AWSWorldOptions?
    /// Which tokens are accepted: the HS256 secret, or an identity provider's JWKS.
    public var tokens: TokenPolicy
    /// Serve HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: TLSIdentity?
    /// How often an idle event stream gets a `: keep-alive` comment (ALBs close idle ones at 60 s).
    public var keepAlive: Duration = .seconds(15)
    /// Event streams served at once; past it `/v1/events` answers 503.
    public var maximumEventStreams = 4_096
    /// How long an event stream may take nothing before it is ended as stuck (see `EventHub`).
    public var eventStreamStuckAfter: Duration = .seconds(240)
    /// How often the world is read for `rollout` events.
    public var watchInterval: Duration = .seconds(1)

    public init(listen: ListenAddress, store: StoreLocation, sandbox: SandboxOptions, tokens: TokenPolicy) {
        self.listen = listen
        self.store = store
        self.sandbox = sandbox
        self.tokens = tokens
    }

    /// HS256 tokens from `secret`, requiring `issuer` and `audience` when set.
    public init(listen: ListenAddress, store: StoreLocation, sandbox: SandboxOptions, secret: SigningSecret, issuer: String? = nil, audience: String? = nil) {
        self.init(listen: listen, store: store, sandbox: sandbox, tokens: TokenPolicy(keys: .secret(secret), issuer: issuer, audience: audience))
    }
}
