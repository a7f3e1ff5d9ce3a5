import CygniControlPlane
import Logging
import ServiceLifecycle

/// cygnid's server running in this process for a test, on the loopback address its configuration
/// names (port 0: the kernel picks, and `port` says which), until `stop` drains it as SIGTERM would.
public final class RunningControlPlane: Sendable {
    public let server: ControlPlaneServer
    public let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// Warnings and worse only, so a test's output stays the test's.
    public static func start(_ configuration: ServerConfiguration, logLabel: String) async throws -> RunningControlPlane {
        var logger = Logger(label: logLabel)
        logger.logLevel = .warning
        let server = try await ControlPlaneServer.open(configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = server.serviceGroup(signals: []) { bound in continuation.yield(bound.port) }
        let running = Task {
            // A server that fails before it listens ends the wait for its port.
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try? await server.close()
            try await running.value
            throw NeverListened()
        }
        return RunningControlPlane(server: server, port: port, group: group, running: running)
    }

    private init(server: ControlPlaneServer, port: Int, group: ServiceGroup, running: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.group = group
        self.running = running
    }

    /// Drains (no new work, writes under way finished, leases released), then closes the store.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        try await server.close()
    }

    /// Runs `body` against this server, then stops it, whether the body threw or not.
    public func serving(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            try? await stop()
            throw error
        }
        try await stop()
    }
}

struct NeverListened: Error, CustomStringConvertible {
    var description: String { "the control plane's server never listened" }
}
