import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("Audit journal")
struct AuditJournalTests {
    func temporaryJournal() -> AuditJournal {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-audit-\(UUID().uuidString)")
        return AuditJournal(url: directory.appendingPathComponent("cygni/audit.jsonl"))
    }

    func entry(_ action: String, second: Double) -> AuditEntry {
        AuditEntry(
            time: Date(timeIntervalSince1970: 1_790_000_000 + second), rolloutID: "r1", service: "checkout",
            actor: "operator:ana", action: action, reason: "because \"quoted\"\nand newline", fromPhase: .baking,
            toPhase: .rollingBack, fromCanaryPercent: 25, toCanaryPercent: 0
        )
    }

    @Test func roundTrips() throws {
        let journal = temporaryJournal()
        try journal.append([entry("rollback", second: 0)])
        try journal.append([entry("pause", second: 1), entry("resume", second: 2)])
        let contents = try journal.read()
        #expect(contents.entries == [entry("rollback", second: 0), entry("pause", second: 1), entry("resume", second: 2)])
        #expect(contents.warnings.isEmpty)
    }

    @Test func tornLastLineIsSkippedWithAWarning() throws {
        let journal = temporaryJournal()
        try journal.append([entry("rollback", second: 0)])
        let handle = try FileHandle(forWritingTo: journal.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"time\":\"2026-1".utf8))
        try handle.close()
        let contents = try journal.read()
        #expect(contents.entries == [entry("rollback", second: 0)])
        #expect(contents.warnings == ["skipped a torn last line (15 bytes), likely from a crash during a write"])
        // The next write starts on a fresh line, so the torn fragment never swallows it.
        try journal.append([entry("promote", second: 5)])
        let after = try journal.read()
        #expect(after.entries.map(\.action) == ["rollback", "promote"])
        #expect(after.warnings == ["skipped unreadable line 2"])
    }

    @Test func missingJournalIsEmpty() throws {
        #expect(try temporaryJournal().read().entries.isEmpty)
    }

    @Test func defaultLocationFollowsXDG() {
        #expect(AuditJournal.defaultURL(environment: ["XDG_STATE_HOME": "/var/state", "HOME": "/home/a"]).path == "/var/state/cygni/audit.jsonl")
        #expect(AuditJournal.defaultURL(environment: ["HOME": "/home/a"]).path == "/home/a/.local/state/cygni/audit.jsonl")
        // A relative XDG path is invalid per the spec and ignored.
        #expect(AuditJournal.defaultURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/a"]).path == "/home/a/.local/state/cygni/audit.jsonl")
    }

    @Test func engineDecisionsReachTheInjectedWriter() throws {
        let journal = temporaryJournal()
        let writer = AuditWriter.journal(journal)
        var driver = try Driver(.canary())
        try writer.append(driver.send(.tick).decisions)
        try writer.append(driver.command(.rollback, key: "k", reason: "pager").decisions)
        let entries = try journal.read().entries
        #expect(entries.map(\.action) == ["provision", "rollback", "rolled-back"])
        #expect(entries[1].actor == "operator:ana" && entries[1].fromPhase == .provisioning && entries[1].toPhase == .rollingBack)
        #expect(entries[1].timelineEvent.kind == .operatorAction)
    }
}
