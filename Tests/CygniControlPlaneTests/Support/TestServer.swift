import CygniAWS
import CygniControlPlane
import CygniControlPlaneTesting
import Foundation

/// cygnid's server in this process, on a real loopback socket (port 0, the kernel picks), with its
/// store in a temporary folder; requests go over real HTTP through libcurl.
final class TestServer: Sendable {
    let folder: URL
    let secret: SigningSecret
    /// When set, the server trusts this provider's JWKS instead of the secret, and `token` asks it.
    let provider: IdentityProvider?
    let running: RunningControlPlane

    var port: Int { running.port }
    var server: ControlPlaneServer { running.server }

    static func start(
        speed: Double = 60, scenario: String = "canary-pass", keepAlive: Duration = .seconds(15), audience: String? = nil, issuer: String? = nil,
        trusting provider: IdentityProvider? = nil, policy: TokenPolicy? = nil, maximumEventStreams: Int = 4_096,
        eventStreamStuckAfter: Duration = .seconds(240)
    ) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let secret = try SigningSecret.readOrCreate(at: folder.appendingPathComponent("jwt-secret").path).secret
        var configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0),
            store: .sqlite(path: folder.appendingPathComponent("cygnid.sqlite").path),
            sandbox: SandboxOptions(seed: 42, scenario: .init(rawValue: scenario)!, speed: speed), secret: secret, issuer: issuer, audience: audience)
        if let provider { configuration.tokens = policy ?? provider.policy() }
        configuration.keepAlive = keepAlive
        configuration.maximumEventStreams = maximumEventStreams
        configuration.eventStreamStuckAfter = eventStreamStuckAfter
        configuration.watchInterval = .milliseconds(100)
        let running = try await RunningControlPlane.start(configuration, logLabel: "cygnid-test")
        return TestServer(folder: folder, secret: secret, provider: provider, running: running)
    }

    private init(folder: URL, secret: SigningSecret, provider: IdentityProvider?, running: RunningControlPlane) {
        self.folder = folder
        self.secret = secret
        self.provider = provider
        self.running = running
    }

    /// Drains as SIGTERM would, closes the store, removes the folder.
    func stop() async throws {
        try await running.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var storePath: String { folder.appendingPathComponent("cygnid.sqlite").path }

    func token(_ role: Role, subject: String = "alice", environments: [String]? = nil, ttl: TimeInterval = 3_600) async throws -> String {
        if let provider { return try await provider.token(subject: subject, role: role, ttl: ttl, environments: environments) }
        return try await Tokens.sign(secret: secret, role: role, subject: subject, environments: environments, ttl: ttl)
    }

    func send(_ method: String, _ path: String, token: String? = nil, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        try await Reply.send(method, "http://127.0.0.1:\(port)\(path)", token: token, headers: headers, body: body)
    }
}

/// An HTTP answer, with its JSON parsed when it is JSON. The client waits up to a minute: how
/// fast the server answers is for the benchmarks; on a loaded machine a test must still pass.
struct Reply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    /// `error.message` of an error answer.
    var errorMessage: String? { (json?["error"] as? [String: Any])?["message"] as? String }
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }

    static func send(_ method: String, _ url: String, token: String?, headers: [(String, String)], body: String?) async throws -> Reply {
        var request = HTTPRequest(method: method, url: url, body: Data((body ?? "").utf8))
        if let token { request.setHeader("Authorization", "Bearer \(token)") }
        if body != nil { request.setHeader("Content-Type", "application/json") }
        for (name, value) in headers { request.setHeader(name, value) }
        let response = try await HTTPTransport.curl.send(request, TransferOptions(connectTimeout: 10, timeout: 60))
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass: bounded waits, no long sleeps.
func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
