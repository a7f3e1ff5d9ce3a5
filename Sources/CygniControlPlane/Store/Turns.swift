/// One at a time, in arrival order, across suspension points: an actor alone lets another call
/// in at each `await`, which neither a rollout's record nor SQLite's one connection can bear.
actor Turns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns when it is the caller's turn.
    func begin() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    /// Hands the turn straight to the next waiter.
    func end() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// An actor whose work takes `turns`.
protocol TakesTurns: Actor {
    var turns: Turns { get }
}

extension TakesTurns {
    /// Runs `body` on this actor in its turn: no other body starts until it has finished.
    func exclusive<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await turns.begin()
        do {
            let result = try await body()
            await turns.end()
            return result
        } catch {
            await turns.end()
            throw error
        }
    }
}
