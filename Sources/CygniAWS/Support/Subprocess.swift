import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn. Foundation's Process is not used: children inherit
/// the Swift runtime's blocked-signal mask through it (so SIGTERM never reaches them), and its
/// waitUntilExit can hang when the main thread has gone to dispatchMain. Here the child gets a
/// clean mask and default handlers, and waiting happens on a thread of its own.
public struct Subprocess: Sendable {
    public let pid: pid_t
    /// Read ends of the child's standard output and error.
    let output: Int32
    let errors: Int32

    public struct Completion: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: Data
        public var timedOut: Bool
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `arguments[0]`, looked up in PATH, with standard input from /dev/null.
    public static func spawn(_ arguments: [String], environment: [String: String]? = nil) throws -> Subprocess {
        guard let program = arguments.first else { throw SpawnError(description: "no program to run") }
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            throw SpawnError(description: "pipe failed: errno \(errno)")
        }
        // Close-on-exec, so no other child (or this one, past its dup2) holds our ends open.
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environmentStrings: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { environmentStrings?.forEach { free($0) } }

        var pid: pid_t = 0
        let result: Int32
        if let environmentStrings {
            result = posix_spawnp(&pid, program, &actions, &attributes, argv, environmentStrings)
        } else {
            result = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        }
        close(outputPipe[1])
        close(errorPipe[1])
        guard result == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw SpawnError(description: "could not start \(program): \(String(cString: strerror(result)))")
        }
        return Subprocess(pid: pid, output: outputPipe[0], errors: errorPipe[0])
    }

    /// Runs to completion and collects both streams; kills the child after `timeout` seconds.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval) async throws -> Completion {
        try await spawn(arguments, environment: environment).wait(timeout: timeout)
    }

    /// Reads both streams to their end and reaps the child, on a thread of its own.
    public func wait(timeout: TimeInterval) async -> Completion {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: collect(timeout: timeout)) }
            thread.start()
        }
    }

    /// The first line the child writes to standard output (a port number, an endpoint), leaving
    /// it running. Blocks the calling thread for at most `timeout` seconds.
    public func firstLine(timeout: TimeInterval) -> String? {
        var line = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var byte: UInt8 = 0
        while Date() < deadline {
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) >= 0 else { return nil }
            if descriptor.revents == 0 { continue }
            guard read(output, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }

    private func collect(timeout: TimeInterval) -> Completion {
        var buffers = [Data(), Data()]
        var descriptors = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        var chunk = [UInt8](repeating: 0, count: 65536)
        while descriptors.contains(where: { $0.fd >= 0 }) {
            if Date() >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            guard poll(&descriptors, 2, 100) >= 0 else { if errno == EINTR { continue } else { break } }
            for index in 0..<2 where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = read(descriptors[index].fd, &chunk, chunk.count)
                if count > 0 {
                    // Output is for parsing and short messages; anything past 1 MiB is dropped.
                    if buffers[index].count < 1 << 20 { buffers[index].append(contentsOf: chunk[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                }
            }
        }
        for descriptor in descriptors where descriptor.fd >= 0 { close(descriptor.fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Completion(status: exitStatus, output: buffers[0], errors: buffers[1], timedOut: timedOut)
    }
}
