import CygniControlPlane
import CygniHarness
import Foundation

@testable import CygniAWS

/// `cygnid serve --aws` as a program against moto (through the fault proxy, whose request log
/// shows every AWS call it makes), with short leases and fast health reads, so that `kill -9`
/// and failover are tested on the real binary in seconds.
final class CygnidOnAWS: @unchecked Sendable {
    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["CYGNID_BINARY"], !explicit.isEmpty { return explicit }
        return RepositoryPaths.root.appendingPathComponent(".build/debug/cygnid").path
    }

    let pid: pid_t
    let outputPath: String
    let secretPath: String
    private(set) var port = 0

    init(region: String, endpoint: String, store: String, secretPath: String, replica: String, leaseTTL: String = "3s") async throws {
        let session = try await MotoHarness.shared.session()
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-aws-\(UUID().uuidString).log").path
        self.secretPath = secretPath
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = session.credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = session.credentials.secretAccessKey
        environment["AWS_CONFIG_FILE"] = "/nonexistent"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
        environment["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.path
        let arguments = [
            Self.binary, "serve", "--listen", "127.0.0.1:0", "--aws", "--region", region, "--endpoint-url", endpoint, "--store", store,
            "--jwt-secret-file", secretPath, "--replica-id", replica, "--lease-ttl", leaseTTL, "--health-every", "0.2", "--metrics-lag", "0",
        ]
        switch ProgramRun.spawn(arguments, environment: environment, outputPath: outputPath) {
        case .success(let pid): self.pid = pid
        case .failure(let error): throw EngineTestFailure("cannot start \(Self.binary): \(error)")
        }
        ChildProcesses.track(pid)
        try await waitUntilListening()
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    private func waitUntilListening() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let line = output.split(separator: "\n").first(where: { $0.contains("listening on http://127.0.0.1:") }),
                let port = Int(line.split(separator: ":").last ?? "")
            {
                self.port = port
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw EngineTestFailure("cygnid did not listen:\n\(output)")
    }

    /// An admin's token for this cygnid, good for an hour.
    func token() async throws -> String {
        let secret = try SigningSecret.readOrCreate(at: secretPath).secret
        let now = Date()
        return try await TokenIssuer(secret: secret).sign(TokenClaims(subject: "alice", role: .admin, issuedAt: now, expiresAt: now.addingTimeInterval(3600)))
    }

    func send(_ method: String, _ path: String, body: String? = nil, key: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        let token = try await token()
        var request = HTTPRequest(method: method, url: "http://127.0.0.1:\(port)\(path)", body: Data((body ?? "").utf8))
        request.setHeader("Authorization", "Bearer \(token)")
        if body != nil { request.setHeader("Content-Type", "application/json") }
        if let key { request.setHeader("Idempotency-Key", key) }
        let response = try await HTTPTransport.curl.send(request, TransferOptions(connectTimeout: 2, timeout: 30))
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
    }

    /// SIGKILL: no drain, no lease released, nothing finished.
    func killNine() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// SIGTERM, and the exit status once it has drained.
    func terminate() async -> Int32 {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return -1
    }
}
