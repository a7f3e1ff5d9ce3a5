import CygniClients
import Foundation

/// One source's answers, each read at most once per `maximumAge` per query and shared by every
/// request meanwhile: requests arriving while a read is under way wait for it rather than start
/// their own, and a failure is kept too, for at most `failureMaximumAge` (a source that is down
/// is not asked by every console in turn, nor left unasked for the minutes a cost answer keeps).
/// So 1, 10 or 100 consoles cost the source the same reads. When the source's API throttles,
/// its answers are kept longer (`PollBackoff`: twice as long with each throttle, up to 8 times,
/// a throttled failure from `failureMaximumAge` up) until it has been quiet a minute.
actor SharedReads<Value: Sendable> {
    /// An answer and how old it is.
    struct Answer: Sendable {
        var value: Value
        /// The world's time when the read started (virtual in the sandbox).
        var readAt: Date
        var age: Duration
        /// True when this request did not start the read (it was kept, or under way already).
        var shared: Bool
    }

    private struct Kept: Sendable {
        var result: Result<Value, any Error>
        var startedAt: ContinuousClock.Instant
        var readAt: Date
    }

    private let maximumAge: Duration
    static var failureMaximumAge: Duration { .seconds(5) }
    /// Distinct queries kept: past it the oldest are forgotten, so odd queries cannot grow memory.
    private let queriesKept: Int
    private let clock: WorldClock
    /// The instant ages are measured on (a test moves its own).
    private let instant: @Sendable () -> ContinuousClock.Instant
    /// Told of each read of the source (cygnid counts them in /metrics).
    private let counted: @Sendable () -> Void
    private var kept: [[String: String]: Kept] = [:]
    private var reading: [[String: String]: Task<Kept, Never>] = [:]
    /// Set while the source's API throttles, for every query of it.
    private(set) var backoff: PollBackoff?
    /// Where backoff times are counted from: `PollBackoff` counts in dates.
    private let origin: ContinuousClock.Instant

    init(
        maximumAge: Duration, queriesKept: Int = 64, clock: WorldClock,
        instant: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        counted: @escaping @Sendable () -> Void = {}
    ) {
        self.maximumAge = maximumAge
        self.queriesKept = queriesKept
        self.clock = clock
        self.instant = instant
        self.counted = counted
        origin = instant()
    }

    /// The answer to `query`, read by `read` unless a fresh one is kept or being read.
    func value(for query: [String: String] = [:], read: @escaping @Sendable () async throws -> Value) async throws -> Answer {
        let now = instant()
        let answer: Kept
        var shared = true
        if let fresh = kept[query], now - fresh.startedAt < age(fresh) {
            answer = fresh
        } else if let inFlight = reading[query] {
            answer = await inFlight.value
        } else {
            shared = false
            let clock = self.clock
            let counted = self.counted
            let task = Task {
                counted()
                let readAt = await clock.now()
                do {
                    return Kept(result: .success(try await read()), startedAt: now, readAt: readAt)
                } catch {
                    return Kept(result: .failure(error), startedAt: now, readAt: readAt)
                }
            }
            reading[query] = task
            answer = await task.value
            reading[query] = nil
            var throttledBy: String?
            if case .failure(let error) = answer.result { throttledBy = (error as? ClientError)?.throttledAPI }
            backoff = PollBackoff.after(backoff, throttledBy: throttledBy, at: Date(timeIntervalSinceReferenceDate: (instant() - origin).inSeconds))
            keep(answer, for: query)
        }
        let value = try answer.result.get()
        return Answer(value: value, readAt: answer.readAt, age: instant() - answer.startedAt, shared: shared)
    }

    /// How long `answer` may be served.
    private func age(_ answer: Kept) -> Duration {
        var normal = maximumAge.inSeconds
        if case .failure(let error) = answer.result {
            normal = (error as? ClientError)?.throttledAPI != nil ? Self.failureMaximumAge.inSeconds : min(normal, Self.failureMaximumAge.inSeconds)
        }
        return .milliseconds(Int((backoff?.interval(normal: normal) ?? normal) * 1_000))
    }

    private func keep(_ answer: Kept, for query: [String: String]) {
        kept[query] = answer
        guard kept.count > queriesKept else { return }
        let oldest = kept.sorted { $0.value.startedAt < $1.value.startedAt }.prefix(kept.count - queriesKept)
        for (query, _) in oldest { kept[query] = nil }
    }
}
