import CygniAWSProvider
import CygniControlPlane
import CygniControlPlaneTesting
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import CygniAWS

/// The engine's clock in these tests: minutes pass when the test says so, and moto does not
/// mind what time a metric is written for, so a 20-minute canary runs in seconds.
final class VirtualClock: Sendable {
    private let time: Mutex<Date>

    init(start: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 - 7200)) {
        time = Mutex(start)
    }

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: Double) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The stores the engine's tests run on.
enum EngineStore: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A new, empty store: a fresh SQLite file, or a fresh database on `CYGNI_POSTGRES_URL`.
    func fresh() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-engine-\(UUID().uuidString).sqlite").path)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["CYGNI_POSTGRES_URL"], !url.isEmpty else {
                throw EngineTestFailure("CYGNI_POSTGRES_URL is not set: run scripts/test, which starts a throwaway PostgreSQL")
            }
            var location = try PostgresLocation(parsing: url)
            let name = "cygni_engine_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            let logger = Logger(label: "test")
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(),
                configuration: .init(host: location.host, port: location.port, username: location.username, password: location.password, database: location.database, tls: .disable),
                id: 1, logger: logger)
            do { try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger) } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
            location.database = name
            return .postgres(location)
        }
    }
}

/// cygnid in this process on the AWS world (moto), on loopback, with the engine's rounds
/// stepped by the test on a virtual clock.
final class EngineServer: Sendable {
    let running: RunningControlPlane
    let secret: SigningSecret
    let clock: VirtualClock

    var port: Int { running.port }
    var server: ControlPlaneServer { running.server }

    static func start(
        region: String, store: StoreLocation, clock: VirtualClock, replica: String = "replica-a", leaseTTL: Duration = .seconds(15),
        endpoint: String? = nil
    ) async throws -> EngineServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let secret = try SigningSecret.readOrCreate(at: folder.appendingPathComponent("jwt-secret").path).secret
        var configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), store: store, sandbox: SandboxOptions(), secret: secret)
        configuration.aws = AWSWorldOptions(
            client: try await motoClient(region: region, endpoint: endpoint), region: region,
            timing: ProviderTiming(healthEvery: 0, outsideCheckEvery: 0, metricsLag: 0), replica: replica, leaseTTL: leaseTTL,
            clock: { clock.now }, runsRounds: false)
        let running = try await RunningControlPlane.start(configuration, logLabel: "cygnid-engine-test")
        return EngineServer(running: running, secret: secret, clock: clock)
    }

    private init(running: RunningControlPlane, secret: SigningSecret, clock: VirtualClock) {
        self.running = running
        self.secret = secret
        self.clock = clock
    }

    func stop() async throws {
        try await running.stop()
    }

    /// Runs a test's `body` against this server, then stops it, whether the body threw or not.
    func serving(_ body: () async throws -> Void) async throws {
        try await running.serving(body)
    }

    /// One engine round.
    func tick() async throws {
        await (try #require(server.runner)).tick()
    }

    func token(role: Role = .admin) async throws -> String {
        let now = Date()
        return try await TokenIssuer(secret: secret).sign(TokenClaims(subject: "alice", role: role, issuedAt: now, expiresAt: now.addingTimeInterval(3600)))
    }

    /// A request over real HTTP; the JSON answer parsed.
    func send(_ method: String, _ path: String, body: String? = nil, key: String? = nil, role: Role = .admin) async throws -> (status: Int, json: [String: Any]) {
        var request = HTTPRequest(method: method, url: "http://127.0.0.1:\(port)\(path)", body: Data((body ?? "").utf8))
        request.setHeader("Authorization", "Bearer \(try await token(role: role))")
        if body != nil { request.setHeader("Content-Type", "application/json") }
        if let key { request.setHeader("Idempotency-Key", key) }
        let response = try await HTTPTransport.curl.send(request, TransferOptions(connectTimeout: 2, timeout: 30))
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
    }

    func rollout(_ id: String) async throws -> [String: Any] {
        try await send("GET", "/v1/rollouts/\(id)").json
    }
}

struct EngineTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
