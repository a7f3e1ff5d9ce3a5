import CygniHarness
import Foundation

/// `cygnid` as a program: `serve` in the background (its output in a file, waited on by polling),
/// and the one-shot commands through the harness's ProgramRun.
final class CygnidProcess: @unchecked Sendable {
    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["CYGNID_BINARY"], !explicit.isEmpty { return explicit }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/cygnid").path
    }

    let pid: pid_t
    let outputPath: String
    private(set) var port = 0

    /// Starts `cygnid serve ARGUMENTS` with `XDG_STATE_HOME` at `stateHome`, on a free loopback
    /// port, or on `port` (a restart where clients expect it).
    init(serve arguments: [String], stateHome: String, port: Int = 0) throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-out-\(UUID().uuidString)").path
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = stateHome
        let arguments = [Self.binary, "serve", "--listen", "127.0.0.1:\(port)"] + arguments
        switch ProgramRun.spawn(arguments, environment: environment, outputPath: outputPath) {
        case .success(let pid): self.pid = pid
        case .failure(let error): throw TestFailure("cannot start \(Self.binary): \(error)")
        }
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Waits for the "listening on" line (`http://` or, with TLS, `https://`) and reads the port from it.
    func waitUntilListening(seconds: Double = 20, scheme: String = "http") async throws {
        let marker = "listening on \(scheme)://127.0.0.1:"
        let found = await eventually(within: seconds) { self.output.contains(marker) }
        guard found, let line = output.split(separator: "\n").first(where: { $0.contains(marker) }),
            let port = Int(line.split(separator: ":").last ?? "")
        else {
            throw TestFailure("cygnid did not listen:\n\(output)")
        }
        self.port = port
    }

    func send(_ method: String, _ path: String, token: String?, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        try await Reply.send(method, "http://127.0.0.1:\(port)\(path)", token: token, headers: headers, body: body)
    }

    /// Sends `signal` and waits for the exit; the exit status, or 128+signal when killed.
    func stop(with signal: Int32, seconds: Double = 10) async -> Int32? {
        kill(pid, signal)
        var status: Int32 = 0
        var exited = false
        _ = await eventually(within: seconds) {
            exited = waitpid(self.pid, &status, WNOHANG) == self.pid
            return exited
        }
        guard exited else {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            return nil
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A fresh `XDG_STATE_HOME` for one test; the test removes it.
    static func stateHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A token from `cygnid token`, signed with the secret `serve` made in `stateHome`.
    static func token(_ role: String, subject: String, stateHome: String) async throws -> String {
        let result = await run(["token", "--subject", subject, "--role", role, "--ttl", "1h"], stateHome: stateHome)
        guard result.status == 0 else { throw TestFailure("cygnid token failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A one-shot `cygnid ARGUMENTS`, with the same state folder.
    static func run(_ arguments: [String], stateHome: String) async -> ProgramRun.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = stateHome
        return await ProgramRun.runAside([binary] + arguments, environment: environment, timeout: 30)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
