import Foundation

/// Where decisions are journaled; injected, so the engine stays pure and tests need no disk.
public struct AuditWriter: Sendable {
    public var append: @Sendable ([AuditEntry]) throws -> Void

    public init(append: @escaping @Sendable ([AuditEntry]) throws -> Void) {
        self.append = append
    }

    /// Appends to a journal file.
    public static func journal(_ journal: AuditJournal) -> AuditWriter {
        AuditWriter { entries in try journal.append(entries) }
    }

    public static let discard = AuditWriter { _ in }
}
