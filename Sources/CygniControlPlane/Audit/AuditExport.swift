import Foundation

/// Audit entries as change-management evidence: one entry a line (JSON Lines) or a row (CSV),
/// each with every field its hash covers, its previous hash and its own, so that an export can be
/// verified with nothing but the file (`cygnid audit verify --file`). Times are UTC with
/// milliseconds, exactly as hashed.
public enum AuditExport {
    public enum Format: String, CaseIterable, Sendable {
        case jsonl, csv
    }

    /// What a file starts with, before the first entry.
    public static func preamble(_ format: Format) -> String {
        switch format {
        case .jsonl: return ""
        case .csv: return CSV.line(Entry.CodingKeys.allCases.map(\.rawValue))
        }
    }

    /// One entry, with its line end.
    public static func line(_ record: AuditRecord, format: Format) -> String {
        let entry = Entry(record)
        switch format {
        case .csv: return CSV.line(entry.fields)
        case .jsonl: return String(decoding: JSONBody.encode(entry), as: UTF8.self) + "\n"
        }
    }

    /// The entries of an export, in its order; the format is told by how it starts.
    public static func read(_ text: String) throws(AuditExportError) -> [AuditRecord] {
        let start = text.drop { $0.isWhitespace }
        if start.isEmpty { return [] }
        if start.hasPrefix("{") { return try readJSONLines(text) }
        if start.hasPrefix(preamble(.csv).trimmingCharacters(in: .newlines)) { return try readCSV(text) }
        throw AuditExportError("not an audit export: expected JSON Lines, or CSV starting with the header \(preamble(.csv).trimmingCharacters(in: .newlines))")
    }

    private static func readJSONLines(_ text: String) throws(AuditExportError) -> [AuditRecord] {
        var records: [AuditRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let place = "line \(index + 1)"
            let entry: Entry
            do {
                entry = try JSONDecoder().decode(Entry.self, from: Data(line.utf8))
            } catch let DecodingError.keyNotFound(key, _) {
                throw AuditExportError("\(place): \(key.stringValue) is missing")
            } catch let DecodingError.valueNotFound(_, context), let DecodingError.typeMismatch(_, context) {
                throw AuditExportError("\(place): \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
            } catch {
                throw AuditExportError("\(place): not a JSON object")
            }
            records.append(try entry.record(at: place))
        }
        return records
    }

    private static func readCSV(_ text: String) throws(AuditExportError) -> [AuditRecord] {
        let rows: [[String?]]
        do {
            rows = try CSV.records(text)
        } catch {
            throw AuditExportError(error.description)
        }
        var records: [AuditRecord] = []
        // Record 1 is the header.
        for (index, row) in rows.enumerated().dropFirst() {
            let place = "record \(index + 1)"
            records.append(try Entry(fields: row, at: place).record(at: place))
        }
        return records
    }

    /// One exported entry, as written: JSON keys and CSV columns are the API's names.
    struct Entry: Codable {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case seq, time, actor, rolloutId, action, outcome, reason, detail, previousHash, hash
        }

        var seq: Int64
        var time: String
        var actor: String
        var rolloutId: String?
        var action: String
        var outcome: String
        var reason: String?
        var detail: String?
        var previousHash: String
        var hash: String

        init(_ record: AuditRecord) {
            seq = record.seq
            time = AuditExport.time(milliseconds: record.draft.timeMilliseconds)
            actor = record.draft.actor
            rolloutId = record.draft.rolloutID
            action = record.draft.action
            outcome = record.draft.outcome.rawValue
            reason = record.draft.reason
            detail = record.draft.detail
            previousHash = record.previousHash
            hash = record.hash
        }

        /// A CSV row, in the header's order.
        init(fields: [String?], at place: String) throws(AuditExportError) {
            let names = CodingKeys.allCases
            guard fields.count == names.count else {
                throw AuditExportError("\(place): \(fields.count) fields, expected \(names.count)")
            }
            func required(_ key: CodingKeys) throws(AuditExportError) -> String {
                guard let value = fields[names.firstIndex(of: key)!] else { throw AuditExportError("\(place): \(key.rawValue) is missing") }
                return value
            }
            guard let seq = Int64(try required(.seq)) else { throw AuditExportError("\(place): seq is not a number") }
            self.seq = seq
            time = try required(.time)
            actor = try required(.actor)
            rolloutId = fields[names.firstIndex(of: .rolloutId)!]
            action = try required(.action)
            outcome = try required(.outcome)
            reason = fields[names.firstIndex(of: .reason)!]
            detail = fields[names.firstIndex(of: .detail)!]
            previousHash = try required(.previousHash)
            hash = try required(.hash)
        }

        var fields: [String?] { [String(seq), time, actor, rolloutId, action, outcome, reason, detail, previousHash, hash] }

        /// Every key, null included, so a reader can rely on them.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seq, forKey: .seq)
            try container.encode(time, forKey: .time)
            try container.encode(actor, forKey: .actor)
            try container.encode(rolloutId, forKey: .rolloutId)
            try container.encode(action, forKey: .action)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(reason, forKey: .reason)
            try container.encode(detail, forKey: .detail)
            try container.encode(previousHash, forKey: .previousHash)
            try container.encode(hash, forKey: .hash)
        }

        func record(at place: String) throws(AuditExportError) -> AuditRecord {
            guard let milliseconds = AuditExport.milliseconds(time: time) else {
                throw AuditExportError("\(place): time \(TokenVerifier.printable(time)) is not a UTC time such as 2026-12-01T10:00:00.000Z")
            }
            guard let outcome = AuditDraft.Outcome(rawValue: outcome) else {
                throw AuditExportError("\(place): outcome \(TokenVerifier.printable(outcome)) is not one of accepted, refused, denied, failed")
            }
            let draft = AuditDraft(
                timeMilliseconds: milliseconds, actor: actor, rolloutID: rolloutId, action: action, outcome: outcome, reason: reason,
                detail: detail)
            return AuditRecord(seq: seq, draft: draft, previousHash: previousHash, hash: hash)
        }
    }

    /// `2026-12-01T10:00:00.123Z`. The milliseconds are written from the integer, not through a
    /// floating-point date, which would turn .123 into .122.
    static func time(milliseconds: Int64) -> String {
        let millis = (milliseconds % 1_000 + 1_000) % 1_000
        let base = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double((milliseconds - millis) / 1_000)))
        return base.dropLast() + String(format: ".%03dZ", Int(millis))
    }

    /// The inverse of `time(milliseconds:)`, exact to the millisecond as the hash needs it.
    static func milliseconds(time text: String) -> Int64? {
        guard text.hasSuffix("Z"), let dot = text.lastIndex(of: ".") else { return nil }
        let fraction = text[text.index(after: dot)..<text.index(before: text.endIndex)]
        guard fraction.count == 3, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let millis = Int64(fraction),
            let base = try? Date.ISO8601FormatStyle().parse(text[..<dot] + "Z")
        else { return nil }
        return Int64(base.timeIntervalSince1970.rounded()) * 1_000 + millis
    }
}

public struct AuditExportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
