import Foundation

/// A small mutex for state shared across tasks where an actor hop would be the wrong tool
/// (clocks, counters read from synchronous code).
public final class Lock: @unchecked Sendable {
    private let lock = NSLock()

    public init() {}

    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
