/// One at a time, in arrival order, across suspension points: an actor alone lets another call
/// in at each `await`, which neither a rollout's record nor SQLite's one connection can bear.
/// An urgent turn goes ahead of every waiting ordinary one: an operator's rollback must not
/// queue behind a minute's worth of routine writes.
actor Turns {
    private var busy = false
    private var waitingUrgent: [CheckedContinuation<Void, Never>] = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Callers waiting for a turn (what the tests wait on).
    var waiters: Int { waitingUrgent.count + waiting.count }

    /// Returns when it is the caller's turn.
    func begin(urgent: Bool = false) async {
        if busy {
            await withCheckedContinuation { continuation in
                if urgent { waitingUrgent.append(continuation) } else { waiting.append(continuation) }
            }
        } else {
            busy = true
        }
    }

    /// Hands the turn straight to the next waiter, urgent ones first.
    func end() {
        if !waitingUrgent.isEmpty {
            waitingUrgent.removeFirst().resume()
        } else if !waiting.isEmpty {
            waiting.removeFirst().resume()
        } else {
            busy = false
        }
    }
}

/// An actor whose work takes `turns`.
protocol TakesTurns: Actor {
    var turns: Turns { get }
}

extension TakesTurns {
    /// Runs `body` on this actor in its turn: no other body starts until it has finished.
    func exclusive<T: Sendable>(urgent: Bool = false, _ body: () async throws -> T) async rethrows -> T {
        await turns.begin(urgent: urgent)
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
