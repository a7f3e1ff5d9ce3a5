import CygniHarness
import Foundation

/// A real `cygnid serve --sandbox` with its own state folder, the tokens it signs, and cx run
/// against it: what the console and CLI tests on the control plane share. `restart` brings
/// cygnid back on the same port, with the same store, as after a crash or a deploy of cygnid.
final class ControlPlaneSession: @unchecked Sendable {
    let home: String
    let serve: [String]
    private(set) var cygnid: CygnidProcess

    init(serve: [String]) async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-cp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/config/cygni", withIntermediateDirectories: true)
        self.serve = serve
        cygnid = try CygnidProcess(serve: serve, stateHome: home)
        try await cygnid.waitUntilListening()
    }

    var port: Int { cygnid.port }
    var url: String { "http://127.0.0.1:\(port)" }
    /// An XDG_CONFIG_HOME of its own, so a test can write config.toml.
    var configHome: String { home + "/config" }

    func token(_ role: String, subject: String, ttl: String = "1h") async throws -> String {
        let result = await CygnidProcess.run(["token", "--subject", subject, "--role", role, "--ttl", ttl], stateHome: home)
        guard result.status == 0 else { throw TestFailure("cygnid token failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops cygnid with `signal` (SIGKILL: a crash).
    func stop(with signal: Int32 = SIGKILL) async {
        _ = await cygnid.stop(with: signal)
    }

    /// Starts cygnid again on the port it had, with the same store.
    func start() async throws {
        cygnid = try CygnidProcess(serve: serve, stateHome: home, port: port)
        try await cygnid.waitUntilListening()
    }

    /// The environment cx runs in: this session's config and state, and the token.
    func environment(token: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = configHome
        environment["XDG_STATE_HOME"] = home + "/cx-state"
        environment["CYGNI_TOKEN"] = token
        if token == nil { environment.removeValue(forKey: "CYGNI_TOKEN") }
        return environment
    }

    /// `cx ARGUMENTS --control-plane URL`, to its end, on a thread of its own.
    func cx(_ arguments: [String], token: String?, timeout: TimeInterval = 60) async -> ProgramRun.Result {
        await ProgramRun.runAside([Binary.path] + arguments + ["--control-plane", url], environment: environment(token: token), timeout: timeout)
    }

    /// `cx ARGUMENTS --control-plane URL` left running, for a test that does things meanwhile.
    func cxInBackground(_ arguments: [String], token: String) throws -> BackgroundProgram {
        try BackgroundProgram([Binary.path] + arguments + ["--control-plane", url], environment: environment(token: token))
    }

    /// A `rollout` event's rollout, from cygnid's whole event log (Last-Event-ID 0).
    func eventLog(token: String, until enough: @escaping @Sendable (EventStreamClient.Reading) -> Bool) async throws -> EventStreamClient.Reading {
        try await EventStreamClient.read(port: port, token: token, lastEventID: 0, seconds: 10, until: enough)
    }

    deinit {
        // Reaped already when a test stopped it; then waitpid answers at once.
        var status: Int32 = 0
        if waitpid(cygnid.pid, &status, WNOHANG) == 0 {
            kill(cygnid.pid, SIGKILL)
            waitpid(cygnid.pid, &status, 0)
        }
        try? FileManager.default.removeItem(atPath: home)
    }
}

/// A program started and left running; its output goes to a file read at any time.
final class BackgroundProgram: @unchecked Sendable {
    let pid: pid_t
    private let outputPath: String
    private var reaped = false

    init(_ arguments: [String], environment: [String: String]) throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-bg-\(UUID().uuidString)").path
        switch ProgramRun.spawn(arguments, environment: environment, outputPath: outputPath) {
        case .success(let pid): self.pid = pid
        case .failure(let error): throw TestFailure("cannot start \(arguments[0]): \(error)")
        }
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// The exit status once it has exited within `seconds`, nil if it is still running (then killed).
    func exit(within seconds: Double) async -> Int32? {
        var status: Int32 = 0
        let exited = await eventually(within: seconds) { waitpid(self.pid, &status, WNOHANG) == self.pid }
        reaped = true
        guard exited else {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            return nil
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
