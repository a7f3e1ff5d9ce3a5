import Foundation

/// The time of the world behind cygnid, as its last answer gave it: virtual in the sandbox,
/// wall time on AWS. Between answers it runs with this machine's clock from that reading, so
/// durations on screen count in the rollouts' own time.
final class WorldTime: @unchecked Sendable {
    private let lock = NSLock()
    /// World time minus this machine's time, at the last reading.
    private var offset: TimeInterval = 0
    private var observed = false

    func observe(_ worldNow: Date?, at local: Date = Date()) {
        guard let worldNow else { return }
        lock.withLock {
            offset = worldNow.timeIntervalSince(local)
            observed = true
        }
    }

    /// False until an answer has said the world's time (before it, `now` is this machine's).
    var isObserved: Bool { lock.withLock { observed } }

    func now() -> Date {
        Date().addingTimeInterval(lock.withLock { offset })
    }
}
