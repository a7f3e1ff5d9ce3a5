import Foundation

/// The audit journal: one JSON object per line, appended, never rewritten. A crash can leave a
/// torn last line; reading skips it with a warning instead of failing.
public struct AuditJournal: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// `$XDG_STATE_HOME/cygni/audit.jsonl`, or `~/.local/state/cygni/audit.jsonl` when unset.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            .map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
                .appendingPathComponent(".local/state", isDirectory: true)
        return state.appendingPathComponent("cygni", isDirectory: true).appendingPathComponent("audit.jsonl")
    }

    public func append(_ entries: [AuditEntry]) throws {
        guard !entries.isEmpty else { return }
        var data = Data()
        for entry in entries {
            data.append(try Self.encoder.encode(entry))
            data.append(0x0A)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_APPEND makes each write land at the end even with two consoles journaling at once;
        // the journal names who did what, so only its owner may read it.
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalError(path: url.path, operation: "open", code: errno) }
        defer { close(descriptor) }
        // A torn earlier write must not glue itself to this entry: start on a fresh line.
        if Self.lastByte(atPath: url.path).map({ $0 != 0x0A }) ?? false { data.insert(0x0A, at: 0) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw JournalError(path: url.path, operation: "write", code: errno)
                }
                offset += written
            }
        }
    }

    /// Why the journal could not be written, naming the file and the system's reason.
    public struct JournalError: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32

        public var description: String { "cannot \(operation) audit journal \(path): \(String(cString: strerror(code)))" }
    }

    public struct Contents: Equatable, Sendable {
        public var entries: [AuditEntry]
        /// One line per unreadable line: which, and why.
        public var warnings: [String]
    }

    /// Reads every entry; unreadable lines become warnings. A missing journal is empty.
    public func read() throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else { return Contents(entries: [], warnings: []) }
        return Self.parse(try Data(contentsOf: url))
    }

    static func parse(_ data: Data) -> Contents {
        var contents = Contents(entries: [], warnings: [])
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                contents.entries.append(try decoder.decode(AuditEntry.self, from: Data(line)))
            } catch {
                let torn = index == lines.count - 1 && data.last != 0x0A
                contents.warnings.append(torn
                    ? "skipped a torn last line (\(line.count) bytes), likely from a crash during a write"
                    : "skipped unreadable line \(index + 1)")
            }
        }
        return contents
    }

    /// The file's last byte, or nil when it is missing, empty or unreadable.
    private static func lastByte(atPath path: String) -> UInt8? {
        let reader = open(path, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { return nil }
        defer { close(reader) }
        var status = stat()
        guard fstat(reader, &status) == 0, status.st_size > 0 else { return nil }
        var byte: UInt8 = 0
        return pread(reader, &byte, 1, status.st_size - 1) == 1 ? byte : nil
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
