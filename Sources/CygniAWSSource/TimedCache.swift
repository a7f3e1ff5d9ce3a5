import Foundation

/// One value fetched at most once per `maxAge`, however many panes ask at once: callers that
/// arrive while a fetch runs wait for it instead of starting their own. A failure is kept for
/// `failureMaxAge`, so a source that keeps failing is not asked again on every refresh.
actor TimedCache<Value: Sendable> {
    private enum Entry {
        case value(Value, at: Date)
        case failure(Error, at: Date)
    }

    private let maxAge: TimeInterval
    private let failureMaxAge: TimeInterval
    private let now: @Sendable () -> Date
    private var entry: Entry?
    private var running: Task<Value, Error>?

    init(maxAge: TimeInterval, failureMaxAge: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.maxAge = maxAge
        self.failureMaxAge = failureMaxAge
        self.now = now
    }

    func value(_ fetch: @escaping @Sendable () async throws -> Value) async throws -> Value {
        switch entry {
        case .value(let value, let at)? where now().timeIntervalSince(at) < maxAge:
            return value
        case .failure(let error, let at)? where now().timeIntervalSince(at) < failureMaxAge:
            throw error
        default:
            break
        }
        if let running { return try await running.value }
        let task = Task { try await fetch() }
        running = task
        defer { running = nil }
        do {
            let value = try await task.value
            entry = .value(value, at: now())
            return value
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            entry = .failure(error, at: now())
            throw error
        }
    }
}
