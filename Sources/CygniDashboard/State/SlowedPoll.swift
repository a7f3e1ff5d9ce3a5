import CygniClients
import Foundation

/// A source polled more slowly because its API throttled: how slowly, and when it is next asked
/// (in the watched world's time). The status line and the source's panes say so.
public struct SlowedPoll: Equatable, Sendable {
    public var backoff: PollBackoff
    /// Seconds between polls while slowed.
    public var every: TimeInterval
    public var nextAt: Date

    public init(backoff: PollBackoff, every: TimeInterval, nextAt: Date) {
        self.backoff = backoff
        self.every = every
        self.nextAt = nextAt
    }

    /// "X-Ray throttled: polling every 20 s".
    public var summary: String { backoff.summary(every: every) }
}
