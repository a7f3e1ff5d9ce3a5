import CygniClients
import CygniStore
import Foundation

/// What the reducer's effects may use. Tests replace the clock and the clients.
public struct DashboardEnvironment: Sendable {
    public var clients: Clients
    /// Drives the refresh timer and flash expiry; a TestClock in tests.
    public var clock: any Clock<Duration>
    public var refreshInterval: Duration
    /// Cost is fetched every this many refreshes (each Cost Explorer request costs money).
    public var costEveryTicks: Int
    /// How often traces and logs are asked, in refreshes.
    public var cadence: SourceCadence
    public var flashDuration: Duration
    public var loadTheme: @Sendable (String) -> Result<Theme, ConfigurationError>
    public var loadKeymap: @Sendable (String) -> Result<Keymap, ConfigurationError>
    /// Who the operator is, as the audit trail records it ("operator:alice").
    public var actor: String
    /// How a sent command keeps going through transient failures; made fresh for each command.
    public var commandRetry: @Sendable () -> CommandRetry
    /// Uniform in 0..<1: spreads the polls of a throttled source (`PollBackoff`); fixed in tests.
    public var jitter: @Sendable () -> Double

    public init(
        clients: Clients, clock: any Clock<Duration>, refreshInterval: Duration = .seconds(1), costEveryTicks: Int = 60,
        cadence: SourceCadence = .everyRefresh,
        flashDuration: Duration = .seconds(5),
        loadTheme: @escaping @Sendable (String) -> Result<Theme, ConfigurationError>,
        loadKeymap: @escaping @Sendable (String) -> Result<Keymap, ConfigurationError>,
        actor: String, commandRetry: @escaping @Sendable () -> CommandRetry = { .untilCancelled },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.clients = clients
        self.clock = clock
        self.refreshInterval = refreshInterval
        self.costEveryTicks = costEveryTicks
        self.cadence = cadence
        self.flashDuration = flashDuration
        self.loadTheme = loadTheme
        self.loadKeymap = loadKeymap
        self.actor = actor
        self.commandRetry = commandRetry
        self.jitter = jitter
    }

    /// Seconds between a source's polls when nothing throttles it.
    public func normalInterval(of source: DataSource) -> TimeInterval {
        let refresh = refreshInterval.inSeconds
        switch source {
        case .rollouts, .slos: return refresh
        case .traces: return refresh * Double(cadence.traces)
        case .logs: return refresh * Double(cadence.logs)
        case .cost: return refresh * Double(costEveryTicks)
        }
    }
}

/// Ids of the effects the reducer cancels or replaces.
public enum DashboardEffect {
    public static let timer = EffectID("timer")
    public static let refresh = EffectID("refresh")
    public static let traceLogs = EffectID("trace-logs")
    public static let flash = EffectID("flash")
    /// The control plane's pushed changes, for as long as the console runs.
    public static let updates = EffectID("updates")
    public static let configuration = EffectID("configuration")

    /// The effect carrying out one operator command, by its idempotency key.
    public static func command(_ key: String) -> EffectID { EffectID("command-\(key)") }

    /// Effects that never finish on their own (timers); headless rendering does not wait for them.
    public static let longRunning: Set<EffectID> = [timer, flash, updates]
}

