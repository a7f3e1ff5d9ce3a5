/// Runs `body`, or throws `StoreError(what)` once `timeout` has passed: opening a store must fail
/// with a message, not hang, when its server does not answer.
func withDeadline<T: Sendable>(_ timeout: Duration, what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw StoreError("\(what) within \(timeout)")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw StoreError(what) }
        return first
    }
}
