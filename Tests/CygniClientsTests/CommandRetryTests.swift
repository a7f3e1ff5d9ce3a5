import CygniClients
import Foundation
import Testing

/// The schedule and the stopping rules every control plane's commands follow.
struct CommandRetryTests {
    /// Sleeping only advances `clock`, so a schedule of minutes runs at once.
    func retry(deadline: Double? = nil, random: Double = 0.999, clock: Locked = Locked()) -> CommandRetry {
        let elapsed: @Sendable () -> Double = { clock.value }
        return CommandRetry(deadline: deadline, random: { random }, sleep: { seconds in clock.add(seconds) }, elapsed: elapsed)
    }

    final class Locked: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = 0.0
        func add(_ more: Double) { lock.lock(); seconds += more; lock.unlock() }
        var value: Double { lock.lock(); defer { lock.unlock() }; return seconds }
    }

    @Test func theFirstRetryStartsWithinASecondAndBackoffIsCappedAtFiveUntilTrafficMoves() {
        for random in [0.0, 0.5, 0.999] {
            let schedule = retry(random: random)
            #expect(schedule.delay(after: 1, trafficSettled: false) <= 1)
            #expect(schedule.delay(after: 1, trafficSettled: false) >= 0.5)
            for number in 1...40 {
                #expect(schedule.delay(after: number, trafficSettled: false) <= 5)
                #expect(schedule.delay(after: number, trafficSettled: true) <= 30)
            }
        }
        #expect(retry().delay(after: 12, trafficSettled: true) > 20, "once traffic is settled cleanup may wait longer")
        #expect(retry().delay(after: 2, trafficSettled: false) > retry().delay(after: 1, trafficSettled: false))
    }

    @Test func transientFailuresAreTriedAgainAndEachIsReported() async throws {
        let reports = ReportLog()
        let (value, attempts) = try await retry().run({ number in
            if number < 3 { throw CommandFailure("ELBv2 ModifyListener failed: Throttling", isTransient: true) }
            return "done"
        }, failed: { await reports.add($0) })
        #expect(value == "done" && attempts == 3)
        #expect(await reports.all.map(\.number) == [1, 2])
        #expect(await reports.all.allSatisfy { $0.error.contains("Throttling") && !$0.trafficSettled })
    }

    @Test func aPermanentFailureStopsAtOnce() async {
        let reports = ReportLog()
        await #expect(throws: CommandRetry.Ending.permanent(CommandFailure("access denied", isTransient: false), attempts: 1)) {
            _ = try await retry().run({ _ -> Int in throw CommandFailure("access denied", isTransient: false) }, failed: { await reports.add($0) })
        }
        #expect(await reports.all.isEmpty)
    }

    @Test func noTryStartsAfterTheDeadline() async {
        let clock = Locked()
        let tries = TryCount()
        await #expect(throws: CommandRetry.Ending.self) {
            _ = try await retry(deadline: 12, clock: clock).run({ _ -> Int in
                await tries.add()
                throw CommandFailure("HTTP 503", isTransient: true)
            }, failed: { _ in })
        }
        // Waits of (just under) 1, 2, 4 and 5 s reach 12 s after the fifth try; another wait would pass it.
        #expect(await tries.count == 5)
        #expect(clock.value <= 12)
    }

    @Test func cancellingStopsBetweenTriesButNeverCutsATryInHalf() async throws {
        let finished = TryCount()
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            try await CommandRetry(deadline: nil).run({ _ -> Int in
                started.continuation.yield()
                try? await Task.sleep(for: .milliseconds(200))  // a listener write under way
                await finished.add()
                throw CommandFailure("HTTP 503", isTransient: true)
            }, failed: { _ in })
        }
        for await _ in started.stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(await finished.count == 1, "the try under way ran to its end; no other started")
    }

    actor ReportLog {
        var all: [CommandAttempt] = []
        func add(_ attempt: CommandAttempt) { all.append(attempt) }
    }

    actor TryCount {
        var count = 0
        func add() { count += 1 }
    }
}
