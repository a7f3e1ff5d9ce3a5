import CygniAWSProvider
import CygniRollout
import Foundation

/// Everything cygnid keeps about one rollout it runs, committed as one JSON document: the
/// engine's state, the provider's facts, and the engine's commands not yet carried out. A
/// command joins `pending` in the same write as the decision that asked for it (the intent),
/// and leaves it in the write after AWS did it (the result): a restart carries the rest out.
struct EngineRecord: Codable, Equatable, Sendable {
    var provider: TaskSetRollout
    var engine: EngineState
    var pending: [ProviderCommand] = []
    /// The last write that failed, shown with the rollout until one succeeds.
    var lastWriteError: String?
    var failedWrites = 0
    var retryAt: Date?

    var id: String { engine.plan.id }
    /// Still to be driven: not finished, or finished with writes left (a rollback's cleanup).
    var isActive: Bool { !engine.isTerminal || !pending.isEmpty }

    static func decode(_ text: String) throws -> EngineRecord {
        try JSONDecoder().decode(EngineRecord.self, from: Data(text.utf8))
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
