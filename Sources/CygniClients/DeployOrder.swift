import CygniModel

/// A deploy as `cx deploy` asks for it: the service, the version to roll out and, where given,
/// the plan's shape. What is left out is the control plane's default (a canary of 5, 25, 50
/// with 5-minute bakes). The idempotency key is made once per `cx deploy` and kept through its
/// retries, so a deploy whose answer was lost is not started twice.
public struct DeployOrder: Equatable, Sendable {
    public enum Version: Equatable, Sendable {
        /// A new revision of the running task definition with the first container's image replaced.
        case image(String)
        /// A task definition registered beforehand (ARN or family:revision).
        case taskDefinition(String)
    }

    /// CLUSTER/SERVICE.
    public var service: String
    public var version: Version
    /// canary, linear or blueGreen.
    public var strategy: String?
    /// Canary traffic percentages, such as [5, 25, 50].
    public var steps: [Int]?
    /// Seconds each step bakes.
    public var bakeSeconds: Double?
    public var reason: String?
    public var idempotencyKey: String

    public init(
        service: String, version: Version, strategy: String? = nil, steps: [Int]? = nil, bakeSeconds: Double? = nil,
        reason: String? = nil, idempotencyKey: String
    ) {
        self.service = service
        self.version = version
        self.strategy = strategy
        self.steps = steps
        self.bakeSeconds = bakeSeconds
        self.reason = reason
        self.idempotencyKey = idempotencyKey
    }
}

/// Deploys: the plan a deploy would run, and the deploy itself. Only the control plane starts
/// rollouts; the other sources refuse, saying how to reach one.
public struct DeployClient: Sendable {
    /// The plan and cost a deploy would have, validated as the deploy is, starting nothing.
    public var preview: @Sendable (DeployOrder) async throws -> DeployPreview
    /// Starts the rollout, once per idempotency key, and answers it as created. Tries again
    /// through transient failures as `CommandRetry` says (the key makes a retry safe), telling
    /// `failed` of each; throws `CommandRetry.Ending` when it gives up.
    public var deploy: @Sendable (DeployOrder, CommandRetry, @escaping CommandAttemptHandler) async throws -> Rollout

    public init(
        preview: @escaping @Sendable (DeployOrder) async throws -> DeployPreview,
        deploy: @escaping @Sendable (DeployOrder, CommandRetry, @escaping CommandAttemptHandler) async throws -> Rollout
    ) {
        self.preview = preview
        self.deploy = deploy
    }

    /// A source that cannot start rollouts; `source` names it ("the in-process sandbox").
    public static func refusing(_ source: String) -> DeployClient {
        let message = refusal(source)
        return DeployClient(
            preview: { _ in throw ClientError(message) },
            deploy: { _, _, _ in throw CommandRetry.Ending.permanent(CommandFailure(message, isTransient: false), attempts: 1) })
    }

    /// Why `source` cannot deploy, and how to reach a source that can.
    public static func refusal(_ source: String) -> String {
        "\(source) does not start rollouts: deploys go through cygnid. Start one with `cygnid serve --sandbox` "
            + "(the simulated world) or `cygnid serve --aws`, then run cx deploy with --control-plane URL (or control_plane in config.toml)"
    }
}
