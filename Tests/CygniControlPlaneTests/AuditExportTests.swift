import CygniControlPlane
import CygniHarness
import Foundation
import Testing

/// `cygnid audit export` as change-management evidence: JSON Lines and CSV that another CSV
/// reader (Python's) reads field for field, that read back to the same chain, and whose
/// verification (`cygnid audit verify --file`) names the first entry tampered with.
@Suite struct AuditExportTests {
    /// A chain whose fields hold what CSV must escape: commas, quotes, line breaks, empty text
    /// (apart from null), and text beyond ASCII.
    private func awkwardChain() -> [AuditRecord] {
        let drafts = [
            AuditDraft(timeMilliseconds: 1_796_000_000_123, actor: "olive", rolloutID: "r-1", action: "rollback", outcome: .accepted,
                       reason: #"5xx at 4%, "canary" bad"#, detail: "line one\nline two\r\nline three"),
            AuditDraft(timeMilliseconds: 1_796_000_000_124, actor: "anonymous", rolloutID: nil, action: "audit", outcome: .denied,
                       reason: "", detail: "401: token algorithm \"none\" is not accepted"),
            AuditDraft(timeMilliseconds: 1_796_000_060_000, actor: "zoë", rolloutID: "r-2", action: "promote", outcome: .refused,
                       reason: nil, detail: nil),
        ]
        var records: [AuditRecord] = []
        for draft in drafts { records.append(AuditChain.link(draft, after: records.last)) }
        return records
    }

    private func export(_ records: [AuditRecord], _ format: AuditExport.Format) -> String {
        AuditExport.preamble(format) + records.map { AuditExport.line($0, format: format) }.joined()
    }

    @Test func bothFormatsReadBackToTheSameChain() throws {
        let records = awkwardChain()
        for format in AuditExport.Format.allCases {
            let text = export(records, format)
            let read = try AuditExport.read(text)
            #expect(read == records, "\(format)")
            #expect(AuditChain.verify(read) == .intact(entries: 3), "\(format)")
        }
        let lines = export(records, .jsonl).split(separator: "\n")
        #expect(lines.count == 3, "one entry a line, line breaks escaped")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(first["rolloutId"] is NSNull && first["reason"] as? String == "", "null and empty text kept apart: \(first)")
        #expect(first["time"] as? String == "2026-11-30T00:53:20.124Z")
    }

    @Test func csvIsReadFieldForFieldByAnotherReader() async throws {
        let records = awkwardChain()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try export(records, .csv).write(toFile: path, atomically: true, encoding: .utf8)
        let script = "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
        let parsed = await ProgramRun.runAside(["python3", "-c", script, path])
        try #require(parsed.status == 0, "\(parsed.output)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [[String]])
        #expect(rows.first == ["seq", "time", "actor", "rolloutId", "action", "outcome", "reason", "detail", "previousHash", "hash"])
        #expect(rows.count == 4)
        for (row, record) in zip(rows.dropFirst(), records) {
            // Python's reader does not tell null from empty text: both are "".
            let expected = [
                String(record.seq), AuditExport.line(record, format: .jsonl).split(separator: "\"time\":\"")[1].prefix(24).description,
                record.draft.actor, record.draft.rolloutID ?? "", record.draft.action, record.draft.outcome.rawValue,
                record.draft.reason ?? "", record.draft.detail ?? "", record.previousHash, record.hash,
            ]
            #expect(row == expected)
        }
    }

    @Test func tamperingIsNamedAtTheFirstBrokenEntry() throws {
        let records = awkwardChain()
        var edited = records
        edited[1].draft.outcome = .accepted
        let changed = try AuditExport.read(export(edited, .csv))
        #expect(AuditChain.verify(changed) == .broken(seq: 2, reason: "entry 2 was changed after it was written (its hash does not match its contents)"))
        let dropped = try AuditExport.read(export([records[0], records[2]], .jsonl))
        #expect(AuditChain.verify(dropped) == .broken(seq: 2, reason: "entry 2 is missing (the next one is 3)"))
        #expect(throws: AuditExportError.self) { try AuditExport.read("seq,time\r\n1,2\r\n") }
    }
}

/// The same through the binary, on a store an in-process server wrote: `audit export` in both
/// formats from `--since`, `audit verify --file` intact, then naming the tampered entry.
@Suite(.serialized) struct CygnidAuditExportTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first (swift build --product cygnid) or set CYGNID_BINARY; looked at \(CygnidProcess.binary)")
    }

    private func cygnid(_ arguments: [String]) async -> ProgramRun.Result {
        await ProgramRun.runAside([CygnidProcess.binary] + arguments, timeout: 30)
    }

    @Test func exportsVerifyAndTamperingIsNamed() async throws {
        let server = try await TestServer.start()
        let id = try #require(try await server.activeRollout()["id"] as? String)
        _ = try await server.send("GET", "/v1/rollouts", token: Tokens.unsigned())
        let viewer = try await server.token(.viewer, subject: "vic")
        _ = try await server.command(id, #"{"action":"rollback","reason":"5xx, \"canary\" spiking"}"#, key: "e-1", token: viewer)
        let operatorToken = try await server.token(.operator, subject: "olive")
        let done = try await server.command(id, #"{"action":"pause","reason":"hold, please"}"#, key: "e-2", token: operatorToken)
        // Accepted, or refused when a slow machine let the sandbox's rollout end first: either
        // way the command is in the chain the export must carry.
        #expect([200, 409].contains(done.status), "\(done.text)")
        let store = "sqlite:\(server.storePath)"
        let folder = server.folder.path

        // The engine may add entries of its own meanwhile: each export is checked against itself.
        var exports: [AuditExport.Format: [AuditRecord]] = [:]
        var texts: [AuditExport.Format: String] = [:]
        for format in AuditExport.Format.allCases {
            let exported = await cygnid(["audit", "export", "--store", store, "--since", "1d", "--format", format.rawValue])
            try #require(exported.status == 0, "\(exported.output)")
            let records = try AuditExport.read(exported.output)
            exports[format] = records
            texts[format] = exported.output
            let path = "\(folder)/audit.\(format.rawValue)"
            try exported.output.write(toFile: path, atomically: true, encoding: .utf8)
            let verified = await cygnid(["audit", "verify", "--file", path])
            #expect(verified.status == 0, "\(verified.output)")
            #expect(verified.output.hasPrefix(
                "audit export intact: \(records.count) entries, 1 to \(records.count); entry 1 follows hash \(AuditChain.genesis), entry \(records.count) has hash \(records.last?.hash ?? "")"),
                "\(verified.output)")
        }
        let all = try #require(exports[.jsonl])
        #expect(all.map(\.draft.actor).filter { $0 != "engine" } == ["anonymous", "vic", "olive"])
        #expect(all.first { $0.draft.actor == "olive" }?.draft.reason == "hold, please")
        #expect(Array(try #require(exports[.csv]).prefix(all.count)) == all, "CSV and JSON Lines hold the same entries")

        // From the second entry's time on: a stretch that still verifies, anchored on entry 1's hash.
        let since = AuditExport.line(all[1], format: .jsonl).split(separator: "\"time\":\"")[1].prefix(24)
        let later = await cygnid(["audit", "export", "--store", store, "--since", String(since)])
        let stretch = try AuditExport.read(later.output)
        #expect(stretch.first == all.first { $0.draft.timeMilliseconds >= all[1].draft.timeMilliseconds })
        let laterPath = "\(folder)/later.jsonl"
        try later.output.write(toFile: laterPath, atomically: true, encoding: .utf8)
        let laterVerified = await cygnid(["audit", "verify", "--file", laterPath])
        #expect(laterVerified.status == 0, "\(laterVerified.output)")
        let anchor = all.last { $0.seq < stretch.first?.seq ?? 0 }?.hash ?? AuditChain.genesis
        #expect(laterVerified.output.contains("follows hash \(anchor)"), "\(laterVerified.output)")

        // The denied viewer renamed in the CSV, as someone covering tracks in a spreadsheet would.
        let csv = try #require(texts[.csv])
        let vic = try #require(all.first { $0.draft.actor == "vic" })
        let tampered = csv.replacingOccurrences(of: ",vic,", with: ",vicky,")
        #expect(tampered != csv)
        let tamperedPath = "\(folder)/tampered.csv"
        try tampered.write(toFile: tamperedPath, atomically: true, encoding: .utf8)
        let caught = await cygnid(["audit", "verify", "--file", tamperedPath])
        #expect(caught.status == 1)
        #expect(caught.output.contains("audit export broken at entry \(vic.seq): entry \(vic.seq) was changed after it was written"), "\(caught.output)")
        // A line taken out of the JSON Lines.
        let lines = try #require(texts[.jsonl]).split(separator: "\n")
        let droppedPath = "\(folder)/dropped.jsonl"
        try ([lines[0]] + lines[2...]).joined(separator: "\n").write(toFile: droppedPath, atomically: true, encoding: .utf8)
        let gap = await cygnid(["audit", "verify", "--file", droppedPath])
        #expect(gap.status == 1)
        #expect(gap.output.contains("audit export broken at entry 2: entry 2 is missing"), "\(gap.output)")

        let future = await cygnid(["audit", "export", "--store", store, "--since", "2999-01-01"])
        #expect(future.status == 0 && future.output.isEmpty, "\(future.output)")
        let badSince = await cygnid(["audit", "export", "--store", store, "--since", "last tuesday"])
        #expect(badSince.status != 0 && badSince.output.contains("--since last tuesday: expected a day"), "\(badSince.output)")
        try await server.stop()
    }
}
