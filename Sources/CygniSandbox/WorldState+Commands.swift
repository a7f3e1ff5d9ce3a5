import CygniClients
import CygniModel

extension WorldState {
    /// An operator's command: idempotent per key, refused for unknown or finished rollouts, and
    /// otherwise handed to the driver, which acts on it at once (a rollback moves traffic before
    /// this returns).
    mutating func perform(_ command: OperatorCommand) -> CommandOutcome {
        if var repeated = commands.outcome(for: command.idempotencyKey) {
            repeated.duplicate = true
            return repeated
        }
        let outcome = decide(command)
        commands.remember(outcome, for: command.idempotencyKey)
        return outcome
    }

    private mutating func decide(_ command: OperatorCommand) -> CommandOutcome {
        let all = [star].compactMap { $0 } + finished
        let target = all.first { $0.rollout.id == command.rolloutID }
            ?? all.first { $0.rollout.service == command.service && $0.isActive }
            ?? all.first { $0.rollout.service == command.service }
        guard let record = target else {
            let name = command.rolloutID.isEmpty ? command.service : command.rolloutID
            return CommandOutcome(accepted: false, message: "no rollout \(name) in this sandbox")
        }
        guard record.isActive else {
            return CommandOutcome(
                accepted: false,
                message: "cannot \(command.kind.rawValue) \(record.rollout.service): rollout \(record.rollout.id) already \(record.rollout.phase.rawValue)")
        }
        // Only the star rollout is ever active.
        guard var live = star, live.rollout.id == record.rollout.id else {
            return CommandOutcome(accepted: false, message: "rollout \(record.rollout.id) is not driven by this sandbox")
        }
        let outcome = driver.apply(command, to: &live, at: now)
        star = live
        return outcome
    }
}
