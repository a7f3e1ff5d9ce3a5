import CygniClients
import Foundation

/// An operator command sent and not yet answered: what the pending banner shows until the
/// control plane says it is done, refused, given up, or the operator stops it.
public struct CommandInFlight: Equatable, Sendable {
    public var command: OperatorCommand
    /// The last try that failed and will be made again; nil while the first try runs.
    public var lastAttempt: CommandAttempt?
    /// The watched world's time when `lastAttempt` was reported, to count down the next try.
    public var lastAttemptAt: Date?

    public init(command: OperatorCommand, lastAttempt: CommandAttempt? = nil, lastAttemptAt: Date? = nil) {
        self.command = command
        self.lastAttempt = lastAttempt
        self.lastAttemptAt = lastAttemptAt
    }

    public var idempotencyKey: String { command.idempotencyKey }

    /// Whole seconds until the next try, 0 once it is due (it may be running).
    public func secondsToNextTry(now: Date?) -> Int? {
        guard let attempt = lastAttempt else { return nil }
        let waited = now.flatMap { now in lastAttemptAt.map { now.timeIntervalSince($0) } } ?? 0
        return max(0, Int((attempt.retryIn - waited).rounded(.up)))
    }
}
