import CygniClients
import CygniModel

/// Remembers what each idempotency key did, so a repeated key is answered, not acted on again.
/// Bounded: the oldest keys are forgotten first.
struct CommandLedger: Sendable {
    static let keysKept = 1_000

    private var outcomes: [String: CommandOutcome] = [:]
    private var order: [String] = []

    func outcome(for key: String) -> CommandOutcome? {
        outcomes[key]
    }

    mutating func remember(_ outcome: CommandOutcome, for key: String) {
        if outcomes.updateValue(outcome, forKey: key) == nil { order.append(key) }
        if order.count > Self.keysKept {
            let forgotten = order.removeFirst()
            outcomes[forgotten] = nil
        }
    }
}
