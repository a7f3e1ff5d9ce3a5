import CygniControlPlaneAPI

extension AuditPage.Entry {
    init(_ record: AuditRecord) {
        self.init(
            seq: record.seq, time: AuditExport.time(milliseconds: record.draft.timeMilliseconds), actor: record.draft.actor,
            rolloutId: record.draft.rolloutID, action: record.draft.action, outcome: record.draft.outcome.rawValue,
            reason: record.draft.reason, detail: record.draft.detail, previousHash: record.previousHash, hash: record.hash)
    }
}
