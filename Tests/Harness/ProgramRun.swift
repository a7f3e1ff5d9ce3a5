import Foundation

/// Runs a program and waits for it with posix_spawn and waitpid. Foundation's Process is not
/// used here: with a tmux server forking off a client, its exit monitoring was seen to leave
/// the client a zombie and wait forever. Output goes to a file, never a pipe a daemon could
/// inherit and hold open.
public enum ProgramRun {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    public static func run(
        _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil, timeout: TimeInterval = 30
    ) -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-sub-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid: pid_t
        switch spawn(arguments, environment: environment, directory: directory, outputPath: outputPath) {
        case .success(let started): pid = started
        case .failure(let error): return Result(status: -1, output: error.description)
        }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return Result(status: -1, output: "timed out after \(timeout) s: \(arguments.joined(separator: " "))")
            }
            usleep(10_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitStatus, output: output)
    }

    /// `run` on a thread of its own: a program that runs for many seconds must not hold one of
    /// the few threads the suite's async tests share.
    public static func runAside(
        _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil, timeout: TimeInterval = 30
    ) async -> Result {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: run(arguments, environment: environment, directory: directory, timeout: timeout))
            }
        }
    }

    /// Starts a program with standard input from /dev/null and standard output and error into
    /// `outputPath`, without waiting: `run` waits for it, a test may keep a server running. With
    /// `directory`, the program starts there (tools that leave caches in their working folder).
    public static func spawn(
        _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil, outputPath: String
    ) -> Swift.Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // posix_spawn_file_actions_addchdir_np does not import into Swift; coreutils' env changes
        // the folder and then execs the program, so the pid is still the program's.
        let arguments = directory.map { ["env", "--chdir=\($0)"] + arguments } ?? arguments
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { variables.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, variables)
        guard spawned == 0 else { return .failure(SpawnError(description: "spawn failed: \(String(cString: strerror(spawned)))")) }
        return .success(pid)
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }
}
