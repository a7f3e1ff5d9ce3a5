import CygniAWSProvider
import CygniModel
import CygniRollout
import Foundation

/// Everything cygnid keeps about one rollout it runs, committed as one JSON document: the
/// engine's state, the provider's facts, and the engine's commands not yet carried out. A
/// command joins `pending` in the same write as the decision that asked for it (the intent),
/// and leaves it in the write after AWS did it (the result): a restart carries the rest out.
struct EngineRecord: Codable, Equatable, Sendable {
    var provider: AWSRollout
    var engine: EngineState
    var pending: [ProviderCommand] = []
    /// The last write that failed, shown with the rollout until one succeeds.
    var lastWriteError: String?
    /// What the first pending command waits for (ECS's deployment reaching a hook, a shift,
    /// its end), shown with the rollout until the command is done.
    var waitingFor: String?
    var failedWrites = 0
    var retryAt: Date?

    var id: String { engine.plan.id }
    /// Still to be driven: not finished, or finished with writes left (a rollback's cleanup).
    var isActive: Bool { !engine.isTerminal || !pending.isEmpty }

    /// The rollout as the API shows it; a failing AWS write, or what a command waits for, is
    /// part of its reason until it is done. ECS's own deployment ends at its own pace: until it
    /// has (traffic back, or the old revision gone), the rollout is still on its way there.
    var rollout: Rollout {
        var rollout = engine.rollout
        rollout.ecsDeployment = provider.serviceDeployment?.report
        if provider.serviceDeployment != nil, !pending.isEmpty {
            if rollout.phase == .rolledBack { rollout.phase = .rollingBack }
            if rollout.phase == .succeeded { rollout.phase = .promoting }
        }
        let notes = [lastWriteError.map { "AWS write failing, retrying: \($0)" }, waitingFor.map { "waiting: \($0)" }]
        if notes.contains(where: { $0 != nil }) {
            rollout.reason = ([rollout.reason] + notes).compactMap { $0 }.joined(separator: "; ")
        }
        return rollout
    }

    static func decode(_ text: String) throws -> EngineRecord {
        try JSONDecoder().decode(EngineRecord.self, from: Data(text.utf8))
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
