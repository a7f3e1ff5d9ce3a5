import Crypto
import Foundation

/// The audit log's tamper evidence: each entry's hash covers its fields and the previous entry's
/// hash, so changing, removing or reordering one breaks every link after it.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the entry's fields, each length-prefixed so that no two entries hash alike
    /// by moving text from one field to the next.
    public static func hash(seq: Int64, draft: AuditDraft, previousHash: String) -> String {
        let fields: [String?] = [
            String(seq), String(draft.timeMilliseconds), draft.actor, draft.rolloutID, draft.action,
            draft.outcome.rawValue, draft.reason, draft.detail, previousHash,
        ]
        var input = "cygni-audit-v1"
        for field in fields {
            if let field { input += "|\(field.utf8.count):\(field)" } else { input += "|-" }
        }
        return SHA256.hex(input)
    }

    /// Links `draft` after `previous` (nil for the first entry).
    public static func link(_ draft: AuditDraft, after previous: AuditRecord?) -> AuditRecord {
        let seq = (previous?.seq ?? 0) + 1
        let previousHash = previous?.hash ?? genesis
        return AuditRecord(seq: seq, draft: draft, previousHash: previousHash, hash: hash(seq: seq, draft: draft, previousHash: previousHash))
    }

    /// What checking a chain found.
    public enum Verification: Equatable, Sendable {
        case intact(entries: Int)
        /// The first entry that does not fit, and why.
        case broken(seq: Int64, reason: String)
    }

    /// Checks every link in `records`, oldest first: the whole chain by default, or a stretch of
    /// it (an export) that begins at entry `firstSeq` and links to `previousHash`.
    public static func verify(_ records: [AuditRecord], firstSeq: Int64 = 1, previousHash: String = genesis) -> Verification {
        var expectedSeq = firstSeq
        var expectedPrevious = previousHash
        for record in records {
            if record.seq != expectedSeq {
                return .broken(seq: expectedSeq, reason: "entry \(expectedSeq) is missing (the next one is \(record.seq))")
            }
            if record.previousHash != expectedPrevious {
                return .broken(seq: record.seq, reason: "entry \(record.seq) does not link to entry \(record.seq - 1) (previous hash differs)")
            }
            if record.hash != hash(seq: record.seq, draft: record.draft, previousHash: record.previousHash) {
                return .broken(seq: record.seq, reason: "entry \(record.seq) was changed after it was written (its hash does not match its contents)")
            }
            expectedSeq = record.seq + 1
            expectedPrevious = record.hash
        }
        return .intact(entries: records.count)
    }
}
