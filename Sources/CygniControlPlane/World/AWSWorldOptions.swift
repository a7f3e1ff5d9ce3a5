import CygniAWS
import CygniAWSProvider
import Foundation

/// How the AWS world behind `cygnid serve --aws` runs: the account, this replica's name and
/// lease, and how often it reads and acts.
public struct AWSWorldOptions: Sendable {
    public var client: AWSClient
    public var region: String
    public var timing: ProviderTiming
    /// This replica's name in leases; unique among the replicas sharing a store.
    public var replica: String
    /// How long a lease lasts without renewal: a dead owner's rollouts move on after it.
    public var leaseTTL: Duration
    /// How often each rollout is ticked.
    public var tickInterval: Duration
    /// The engine's clock (tests run virtual minutes).
    public var clock: @Sendable () -> Date
    /// False in tests that call `EngineRunner.tick` themselves.
    public var runsRounds: Bool

    public init(
        client: AWSClient, region: String, timing: ProviderTiming = ProviderTiming(), replica: String = AWSWorldOptions.defaultReplica(),
        leaseTTL: Duration = .seconds(15), tickInterval: Duration = .seconds(1), clock: @escaping @Sendable () -> Date = Date.init,
        runsRounds: Bool = true
    ) {
        self.client = client
        self.region = region
        self.timing = timing
        self.replica = replica
        self.leaseTTL = leaseTTL
        self.tickInterval = tickInterval
        self.clock = clock
        self.runsRounds = runsRounds
    }

    /// host-pid: distinct for every process, readable in logs and the store.
    public static func defaultReplica() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
