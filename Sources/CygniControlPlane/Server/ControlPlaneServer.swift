import CygniAWSProvider
import CygniAWSSource
import CygniClients
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// cygnid's server, assembled: the store opened and migrated, the world started, commands left
/// unanswered by a crash carried out, and the routes ready. `serviceGroup` runs it.
public struct ControlPlaneServer: Sendable {
    public let configuration: ServerConfiguration
    public let store: any ControlPlaneStore
    let world: WorldBackend
    let events: EventHub
    let commands: CommandService
    let deploys: DeployService
    let gate: Gatekeeper
    /// HTTP/1.1, over TLS when configured.
    let httpServer: HTTPServerBuilder
    let metrics = PrometheusCollectorRegistry()
    let logger: Logger

    public static func open(_ configuration: ServerConfiguration, logger: Logger) async throws -> ControlPlaneServer {
        // Before the store: a JWKS that cannot be fetched stops the start with nothing opened.
        let verifier = try await TokenVerifier.open(configuration.tokens, logger: logger)
        let store = try await configuration.store.open(logger: logger)
        let events = EventHub(
            store: store, keepAlive: configuration.keepAlive, maximumSubscribers: configuration.maximumEventStreams,
            stuckAfter: configuration.eventStreamStuckAfter)
        let world: WorldBackend
        if let aws = configuration.aws {
            let provider = EngineProvider(client: aws.client, region: aws.region, timing: aws.timing)
            let runner = EngineRunner(
                store: store, provider: provider, events: events, replica: aws.replica, leaseTTL: aws.leaseTTL, clock: aws.clock, logger: logger)
            // Rollouts left by this replica's last run, or by replicas whose leases expired.
            await runner.claim()
            // Every cluster of the region: the services cygnid may be asked to roll out.
            var clients = Clients.aws(client: aws.client, clusters: [], label: "aws \(aws.region)")
            // The engine's, the reads' and the price list's requests: everything this process asks.
            clients.awsUsage = .meter(aws.client.usage, asker: .controlPlane)
            world = .aws(runner, reads: WorldReads(clients), label: "aws \(aws.region)", prices: .aws(configuration: aws.client.configuration))
        } else {
            world = .sandbox(configuration.sandbox)
        }
        let deploys = DeployService(store: store, world: world, events: events, logger: logger)
        let commands = CommandService(store: store, world: world, deploys: deploys, events: events, logger: logger)
        try await deploys.resume()
        try await commands.resume()
        let httpServer = try configuration.tls.map { try HTTPServerBuilder.tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1()
        return ControlPlaneServer(
            configuration: configuration, store: store, world: world, events: events, commands: commands, deploys: deploys,
            gate: Gatekeeper(verifier: verifier, store: store, events: events), httpServer: httpServer, logger: logger)
    }

    /// The HTTP server and the world watcher. On graceful shutdown (the signals, or
    /// `triggerGracefulShutdown`) the watcher goes first and ends the event streams, then the
    /// server stops accepting, finishes the requests in flight, and returns.
    public func serviceGroup(signals: [UnixSignal], onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) -> ServiceGroup {
        let router = Router()
        router.middlewares.add(MetricsMiddleware(registry: metrics))
        router.middlewares.add(ErrorMiddleware(bodyLimit: CommandRequest.bodyLimit))
        HealthRoutes(store: store).add(to: router)
        DocumentRoutes(metrics: metrics).add(to: router)
        RolloutRoutes(gate: gate, world: world, deploys: deploys, snapshots: RolloutSnapshots(world: world, events: events)).add(to: router)
        CommandRoutes(gate: gate, world: world, commands: commands).add(to: router)
        AuditRoutes(gate: gate, store: store).add(to: router)
        EventRoutes(gate: gate, store: store, events: events).add(to: router)
        TelemetryRoutes(gate: gate, reads: TelemetryReads(world: world, metrics: metrics)).add(to: router)

        let host = configuration.listen.host
        let app = Application(
            router: router,
            server: httpServer,
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.listen.port), serverName: "cygnid"),
            onServerRunning: { channel in
                await onListening(ListenAddress(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger)
        let watcher = WorldWatcher(world: world, store: store, events: events, interval: configuration.watchInterval, logger: logger)
        // Services shut down in reverse order: the watcher, last here, goes first; then the
        // engine finishes its round and releases its leases; the server drains last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let runner = world.runner, let aws = configuration.aws, aws.runsRounds {
            services.append(.init(service: EngineService(runner: runner, commands: commands, interval: aws.tickInterval)))
        }
        if case .postgres = configuration.store {
            services.append(.init(service: EventLogFollower(store: store, events: events)))
        }
        services.append(.init(service: watcher))
        return ServiceGroup(configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: signals, logger: logger))
    }

    /// The engine's runner on AWS (tests step it themselves).
    public var runner: EngineRunner? { world.runner }

    public func close() async throws {
        try await store.close()
    }
}
