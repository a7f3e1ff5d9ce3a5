import Foundation
import Testing

/// The cx binary run as a program (posix_spawn, output to a file), for tests of its AWS commands.
enum CxProgram {
    static var binary: String {
        ProcessInfo.processInfo.environment["CX_BINARY"] ?? RepositoryPaths.root.appendingPathComponent(".build/debug/cx").path
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build cx first (swift build --product cx); looked at \(binary)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cx-doctor-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, binary, &actions, nil, argv, env) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, text)
    }
}
