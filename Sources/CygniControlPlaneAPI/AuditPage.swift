import Foundation

/// `GET /v1/audit`: entries oldest first with their chain hashes, one page at a time.
public struct AuditPage: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var seq: Int64
        /// UTC with milliseconds, as the hash covers it (and as `cygnid audit export` writes it).
        public var time: String
        public var actor: String
        public var rolloutId: String?
        public var action: String
        public var outcome: String
        public var reason: String?
        public var detail: String?
        public var previousHash: String
        public var hash: String

        public init(
            seq: Int64, time: String, actor: String, rolloutId: String?, action: String, outcome: String, reason: String?,
            detail: String?, previousHash: String, hash: String
        ) {
            self.seq = seq
            self.time = time
            self.actor = actor
            self.rolloutId = rolloutId
            self.action = action
            self.outcome = outcome
            self.reason = reason
            self.detail = detail
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public var entries: [Entry]
    public var nextCursor: NullableField<String>

    public init(entries: [Entry], nextCursor: NullableField<String>) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}
