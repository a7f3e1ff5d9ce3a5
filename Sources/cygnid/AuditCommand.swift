import ArgumentParser
import CygniControlPlane
import Foundation
import Logging

/// `cygnid audit verify` and `cygnid audit export`: the audit chain checked end to end, and its
/// entries written out as change-management evidence that can be checked on its own.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and export the audit log.", subcommands: [Verify.self, Export.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit chain, or an export of it: exit 0 when intact, 1 naming the first broken entry.")

        @Option(help: "Where the state lives: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (default: $XDG_STATE_HOME/cygni/cygnid.sqlite).")
        var store: String?

        @Option(help: "Verify this export (JSON Lines or CSV from `cygnid audit export`) instead of the store.")
        var file: String?

        func run() async throws {
            if let file {
                if store != nil { throw ValidationError("--file and --store exclude each other: verify an export, or the store") }
                try verifyExport(at: file)
                return
            }
            let opened = try await AuditCommand.openStore(store)
            var records: [AuditRecord] = []
            try await AuditCommand.forEachPage(of: opened) { page in
                records += page
                return true
            }
            try await opened.close()
            switch AuditChain.verify(records) {
            case .intact(let entries):
                print("audit chain intact: \(entries) entries")
            case .broken(let seq, let reason):
                print("audit chain broken at entry \(seq): \(reason)")
                throw ExitCode(1)
            }
        }

        /// An export holds a stretch of the chain: it is checked from its first entry, which links
        /// to the entry before it by the hash it carries. That hash and the last entry's are
        /// printed, to hold against the store (`GET /v1/audit`) if the whole is in question.
        private func verifyExport(at path: String) throws {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read the export \(path): no such file, or not UTF-8 text")
            }
            let records: [AuditRecord]
            do {
                records = try AuditExport.read(text)
            } catch {
                print("audit export \(path) unreadable: \(error)")
                throw ExitCode(1)
            }
            guard let first = records.first, let last = records.last else {
                print("audit export \(path) holds no entries")
                return
            }
            switch AuditChain.verify(records, firstSeq: first.seq, previousHash: first.previousHash) {
            case .intact(let entries):
                print("audit export intact: \(entries) entries, \(first.seq) to \(last.seq); entry \(first.seq) follows hash \(first.previousHash), entry \(last.seq) has hash \(last.hash)")
            case .broken(let seq, let reason):
                print("audit export broken at entry \(seq): \(reason)")
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write audit entries as change-management evidence (JSON Lines or CSV), each with its hash and the previous entry's.",
            discussion: "The export runs from the first entry at or after --since to the last before --until (or the newest), with no gaps, so that `cygnid audit verify --file` can check it on its own. In CSV, a bare empty field is null and \"\" is empty text.")

        @Option(help: "Where the state lives: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (default: $XDG_STATE_HOME/cygni/cygnid.sqlite).")
        var store: String?

        @Option(help: "From this time: a UTC day (2026-12-01), an ISO 8601 time (2026-12-01T09:30:00Z), or a span back from now (7d, 36h).")
        var since: String

        @Option(help: "Up to (not including) this time, written as --since is (default: up to the newest entry).")
        var until: String?

        @Option(help: "jsonl or csv.")
        var format: AuditExport.Format = .jsonl

        func run() async throws {
            guard let start = PointInTime.date(since) else {
                throw ValidationError("--since \(since): expected a day (2026-12-01), an ISO 8601 time (2026-12-01T09:30:00Z) or a span such as 7d")
            }
            let end = try until.map { text in
                guard let date = PointInTime.date(text) else { throw ValidationError("--until \(text): written as --since is, e.g. 2026-12-31 or 1d") }
                return date
            }
            if let end, end <= start { throw ValidationError("--until must be later than --since") }
            let opened = try await AuditCommand.openStore(store)
            let output = FileHandle.standardOutput
            output.write(Data(AuditExport.preamble(format).utf8))
            // Compared in whole milliseconds, as entries are timed: a time parsed to a Date may sit
            // a hair off the millisecond it names.
            let startMilliseconds = Int64((start.timeIntervalSince1970 * 1_000).rounded())
            let endMilliseconds = end.map { Int64(($0.timeIntervalSince1970 * 1_000).rounded()) }
            var started = false
            var ended = false
            try await AuditCommand.forEachPage(of: opened) { page in
                var text = ""
                for record in page where !ended {
                    let time = record.draft.timeMilliseconds
                    // Contiguous from the first entry at or after --since, even if a clock once stepped back.
                    if !started, time >= startMilliseconds { started = true }
                    if let endMilliseconds, time >= endMilliseconds { ended = true }
                    if started, !ended { text += AuditExport.line(record, format: format) }
                }
                output.write(Data(text.utf8))
                return !ended
            }
            try await opened.close()
        }
    }

    /// The store named by --store (or the default one), refusing to create one that is not there.
    static func openStore(_ store: String?) async throws -> any ControlPlaneStore {
        let location = try store.map(StoreLocation.init(parsing:)) ?? StoreLocation.defaultLocation()
        // Opening a missing SQLite file would create an empty store and call it intact.
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no store at \(location); pass --store sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")
        }
        var logger = Logger(label: "cygnid")
        logger.logLevel = .error
        return try await location.open(logger: logger)
    }

    /// The chain a thousand entries at a time, oldest first, while `body` wants more.
    static func forEachPage(of store: any ControlPlaneStore, _ body: ([AuditRecord]) throws -> Bool) async throws {
        var after: Int64 = 0
        while true {
            let page = try await store.audit(after: after, limit: 1_000)
            guard try body(page), page.count == 1_000, let last = page.last else { return }
            after = last.seq
        }
    }
}

extension AuditExport.Format: ExpressibleByArgument {}
