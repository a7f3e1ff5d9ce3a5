import ArgumentParser
import CygniControlPlane
import Foundation
import Logging

/// `cygnid audit verify`: checks the audit chain end to end and names the first broken entry.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit chain: exit 0 when intact, 1 naming the first broken entry.")

        @Option(help: "Where the state lives: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (default: $XDG_STATE_HOME/cygni/cygnid.sqlite).")
        var store: String?

        func run() async throws {
            let location = try store.map(StoreLocation.init(parsing:)) ?? StoreLocation.defaultLocation()
            // Opening a missing SQLite file would create an empty store and call it intact.
            if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("no store at \(location); pass --store sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")
            }
            var logger = Logger(label: "cygnid")
            logger.logLevel = .error
            let opened = try await location.open(logger: logger)
            var records: [AuditRecord] = []
            while true {
                let page = try await opened.audit(after: records.last?.seq ?? 0, limit: 1_000)
                records += page
                if page.count < 1_000 { break }
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
    }
}
