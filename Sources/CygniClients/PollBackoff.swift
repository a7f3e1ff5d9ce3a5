import Foundation

/// How much slower than normal a source is polled after its API throttled: the interval doubles
/// with each throttled answer, up to `maximumFactor` times (and never past `maximumInterval`),
/// and returns to normal once the source has answered unthrottled a quiet minute after the last
/// throttle. A pure value: callers give the time and the jitter, so tests can.
public struct PollBackoff: Equatable, Sendable {
    /// The throttling API as people name it ("X-Ray"), for the status line and the pane.
    public var api: String
    public var factor: Int
    public var lastThrottledAt: Date

    public static let maximumFactor = 8
    /// No poll waits longer than this, however slow its normal pace.
    public static let maximumInterval: TimeInterval = 300
    /// Unthrottled this long, a source is polled at its normal pace again.
    public static let quietPeriod: TimeInterval = 60

    public init(api: String, factor: Int = 2, lastThrottledAt: Date) {
        self.api = api
        self.factor = factor
        self.lastThrottledAt = lastThrottledAt
    }

    /// The backoff after an answer at `now`: doubled by a throttle, kept through answers inside
    /// the quiet period, nil (normal pace) after it.
    public static func after(_ current: PollBackoff?, throttledBy api: String?, at now: Date) -> PollBackoff? {
        if let api {
            let factor = current.map { min(maximumFactor, $0.factor * 2) } ?? 2
            return PollBackoff(api: api, factor: factor, lastThrottledAt: now)
        }
        guard let current, now.timeIntervalSince(current.lastThrottledAt) < quietPeriod else { return nil }
        return current
    }

    /// The slowed interval for a source normally polled every `normal` seconds.
    public func interval(normal: TimeInterval) -> TimeInterval {
        max(normal, min(Self.maximumInterval, normal * Double(factor)))
    }

    /// The wait before the next poll: the slowed interval, spread by ±10% (`jitter` in 0..<1) so
    /// the consoles slowed by one throttle do not all come back in the same second.
    public func delay(normal: TimeInterval, jitter: Double) -> TimeInterval {
        interval(normal: normal) * (0.9 + 0.2 * min(max(jitter, 0), 1))
    }

    /// "X-Ray throttled: polling every 20 s", for a source slowed to a poll `every` seconds.
    public func summary(every seconds: TimeInterval) -> String {
        let every = seconds >= 120 && seconds.truncatingRemainder(dividingBy: 60) == 0
            ? "\(Int(seconds / 60)) min" : "\(Int(seconds.rounded())) s"
        return "\(api) throttled: polling every \(every)"
    }
}
