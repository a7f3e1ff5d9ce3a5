/// Runs `operation` for at most `seconds`. On time it returns the result (or rethrows its error);
/// late, its task is cancelled, which aborts its transfers and retry waits, and nil comes back.
/// Commands use it so that one slow service cannot hold up their answer.
public func withDeadline<Value: Sendable>(
    seconds: Double, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
