import CygniClients
import CygniModel
import Foundation

/// What moves a rollout forward. The sandbox drives its rollouts through this seam so the simple
/// progression here can be swapped for the real engine (CygniRollout) without touching the world.
protocol RolloutDriver: Sendable {
    /// One second of the rollout: read what the world observed, move phases, traffic and fleets.
    func advance(_ record: inout RolloutRecord, observing observation: RolloutObservation)

    /// An operator's command on an active rollout. Idempotency and terminal rollouts are the
    /// world's business; the driver only decides what the command does.
    func apply(_ command: OperatorCommand, to record: inout RolloutRecord, at time: Date) -> CommandOutcome
}
