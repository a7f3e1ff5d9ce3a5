import CygniClients
@testable import CygniControlPlane
import Foundation
import Testing

/// `SharedReads`: a hundred callers at once cost one read, failures included; a kept answer
/// is read again once it is older than its interval; each query is read on its own.
@Suite struct SharedReadsTests {
    private final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() -> Int { lock.withLock { count += 1; return count } }
        var total: Int { lock.withLock { count } }
    }

    /// Time that moves only when the test says, so a loaded machine cannot age an answer.
    private final class Elapsed: @unchecked Sendable {
        private let lock = NSLock()
        private let start = ContinuousClock.now
        private var offset = Duration.zero
        func advance(_ by: Duration) { lock.withLock { offset += by } }
        var now: ContinuousClock.Instant { lock.withLock { start + offset } }
    }

    private func shared(_ age: Duration, kept: Int = 64, elapsed: Elapsed = Elapsed()) -> SharedReads<Int> {
        SharedReads(maximumAge: age, queriesKept: kept, clock: WorldClock { Date() }, instant: { elapsed.now })
    }

    @Test func aHundredConcurrentCallersShareOneRead() async throws {
        let reads = Reads()
        let cache = shared(.seconds(60))
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await cache.value {
                        try await Task.sleep(for: .milliseconds(200))
                        return reads.add()
                    }.value
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(reads.total == 1)
        #expect(values == Array(repeating: 1, count: 100))
        let answer = try await cache.value { reads.add() }
        #expect(answer.shared && reads.total == 1)
    }

    @Test func aFailureIsSharedAndAnOldAnswerReadAgain() async throws {
        let reads = Reads()
        let elapsed = Elapsed()
        let cache = shared(.milliseconds(500), elapsed: elapsed)
        struct Down: Error {}
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { _ = try? await cache.value { _ = reads.add(); try await Task.sleep(for: .milliseconds(100)); throw Down() } }
            }
        }
        #expect(reads.total == 1, "the source that is down is asked once")
        await #expect(throws: Down.self) { try await cache.value { reads.add() } }
        elapsed.advance(.milliseconds(600))
        let fresh = try await cache.value { reads.add() }
        #expect(fresh.value == 2 && !fresh.shared)
    }

    @Test func queriesAreReadApartAndTheOldestForgotten() async throws {
        let reads = Reads()
        let elapsed = Elapsed()
        let cache = shared(.seconds(60), kept: 2, elapsed: elapsed)
        for name in ["a", "b", "a", "c"] {
            _ = try await cache.value(for: ["q": name]) { reads.add() }
            elapsed.advance(.milliseconds(1))
        }
        #expect(reads.total == 3, "a, b, c read once each")
        _ = try await cache.value(for: ["q": "a"]) { reads.add() }
        #expect(reads.total == 4, "a was the oldest kept when c came, and was forgotten")
    }

    /// A throttled source is asked again only after twice the failure's age, then four times;
    /// after a quiet minute its answers are kept for their normal age again.
    @Test func aThrottledSourceIsAskedLessOftenUntilAQuietMinute() async throws {
        let reads = Reads()
        let elapsed = Elapsed()
        let cache = shared(.seconds(1), elapsed: elapsed)
        let throttled = ClientError("X-Ray is throttling (HTTP 400): ThrottlingException", throttledAPI: "X-Ray")
        func ask(throttling: Bool) async -> Int {
            _ = try? await cache.value {
                _ = reads.add()
                if throttling { throw throttled }
                return 0
            }
            return reads.total
        }
        #expect(await ask(throttling: true) == 1)
        elapsed.advance(.seconds(9))
        #expect(await ask(throttling: true) == 1, "a throttle is kept 10 s, twice a failure's 5 s")
        elapsed.advance(.seconds(1))
        #expect(await ask(throttling: true) == 2)
        elapsed.advance(.seconds(19))
        #expect(await ask(throttling: false) == 2, "the second throttle is kept 20 s")
        elapsed.advance(.seconds(1))
        #expect(await ask(throttling: false) == 3)
        elapsed.advance(.seconds(3))
        #expect(await ask(throttling: false) == 3, "an answer inside the quiet minute is kept 4 s, not 1")
        elapsed.advance(.seconds(1))
        #expect(await ask(throttling: false) == 4)
        #expect(await cache.backoff?.api == "X-Ray")
        elapsed.advance(.seconds(60))
        #expect(await ask(throttling: false) == 5)
        #expect(await cache.backoff == nil)
        elapsed.advance(.seconds(1))
        #expect(await ask(throttling: false) == 6, "back to a read a second")
    }
}
