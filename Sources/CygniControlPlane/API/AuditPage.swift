import Foundation

/// `GET /v1/audit`: entries oldest first with their chain hashes, one page at a time.
struct AuditPage: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        var seq: Int64
        /// UTC with milliseconds, as the hash covers it (and as `cygnid audit export` writes it).
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
    }

    var entries: [Entry]
    var nextCursor: NullableField<String>
}
