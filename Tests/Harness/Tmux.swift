import Foundation

/// A private tmux server (its own socket) running one program in a window of a given size,
/// so the console is tested in a real terminal: keys go in with send-keys, the screen comes
/// back with capture-pane.
public final class Tmux {
    public let socket: String
    public let session = "cx"
    public let workDirectory: String

    public init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        socket = "cygni-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(socket).path
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        var exports = ["TERM=tmux-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "XDG_CONFIG_HOME=\(workDirectory)/config", "XDG_STATE_HOME=\(workDirectory)/state"]
        for (key, value) in environment { exports.append("\(key)=\(value)") }
        let script = "\(workDirectory)/run.sh"
        // After the program exits, record the terminal modes it left behind, then wait to be read.
        let body = """
            #!/bin/sh
            echo $$ > \(workDirectory)/pid
            env \(exports.joined(separator: " ")) \(command)
            echo "EXIT STATUS $?"
            stty -a > \(workDirectory)/stty.txt
            sleep 600
            """
        try body.write(toFile: script, atomically: true, encoding: .utf8)
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "sh \(script)"])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: workDirectory)
    }

    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let result = ProgramRun.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        if result.status != 0 && arguments.first != "kill-server" {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    public func screen() -> String {
        (try? run(["capture-pane", "-p", "-t", session])) ?? ""
    }

    public func send(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen satisfies `condition`, up to `timeout`, looking every `interval`
    /// seconds; returns the last screen. It sleeps between looks without holding one of the few
    /// threads the whole suite's tests share (two on a two-core machine): a blocking wait there
    /// stalls every in-process server of the run.
    @discardableResult
    public func waitUntil(timeout: TimeInterval = 15, interval: TimeInterval = 0.1, _ condition: (String) -> Bool) async -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return (true, last) }
            try? await Task.sleep(for: .seconds(interval))
        }
        return (false, last)
    }

    /// Sends `keys` and returns how long the screen took to satisfy `condition` (nil past
    /// `timeout`): what a person at the terminal waits for a key to answer.
    public func secondsToAnswer(_ keys: String, timeout: TimeInterval = 5, _ condition: (String) -> Bool) async throws -> TimeInterval? {
        let started = Date()
        try send(keys)
        let answered = await waitUntil(timeout: timeout, interval: 0.002, condition)
        return answered.ok ? Date().timeIntervalSince(started) : nil
    }

    /// The pid of the shell wrapper; the program is its child.
    public var shellPID: Int32? {
        (try? String(contentsOfFile: workDirectory + "/pid", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// `stty -a` as the program left the terminal, once it has exited.
    public func terminalModesAfterExit(timeout: TimeInterval = 10) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: workDirectory + "/stty.txt", encoding: .utf8), !text.isEmpty { return text }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The cx binary under test: $CX_BINARY, or the debug build in this checkout.
public enum Binary {
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["CX_BINARY"], !explicit.isEmpty { return explicit }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/cx").path
    }

    public static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }
}

/// Modes a restored terminal has: canonical input and echo on (`stty -a` prints `-icanon`
/// and `-echo` when they are off).
public func isRestored(_ modes: String) -> Bool {
    let words = modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
    return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
}
