import CygniModel
import CygniRollout

extension [ProviderCommand] {
    /// Queues the engine's commands behind these pending ones. Weights are absolute, so only the
    /// newest pending ones matter; weights back to stable go before every other pending write,
    /// since nothing may hold up a rollback's traffic.
    mutating func queue(_ commands: [ProviderCommand]) {
        for command in commands {
            if case .setWeights(let split) = command {
                removeAll { if case .setWeights = $0 { true } else { false } }
                if split == .allStable { insert(command, at: 0) } else { append(command) }
            } else {
                append(command)
            }
        }
    }
}
