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
        let manager = FileManager.default
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !manager.fileExists(atPath: url.path) {
            // The journal names who did what: readable by its owner only.
            guard manager.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        // A torn earlier write must not glue itself to this entry: start on a fresh line.
        if try handle.offset() > 0, try lastByte() != 0x0A { data.insert(0x0A, at: 0) }
        try handle.write(contentsOf: data)
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

    private func lastByte() throws -> UInt8? {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        guard end > 0 else { return nil }
        try handle.seek(toOffset: end - 1)
        return try handle.read(upToCount: 1)?.first
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
