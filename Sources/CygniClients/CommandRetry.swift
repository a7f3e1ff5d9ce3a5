import Foundation

/// How an operator command keeps going through transient failures: every step of rollback,
/// abort and promote is safe to repeat, so the whole command is tried again, re-reading what it
/// needs, until it succeeds, fails for a reason no retry can fix, is cancelled, or the deadline
/// passes.
///
/// Backoff doubles from half a second with jitter, so the first retry starts within a second of
/// the failure. It is capped at 5 s while traffic has not moved (users are on the side being
/// left) and at 30 s once it has, when only cleanup remains.
public struct CommandRetry: Sendable {
    /// Seconds from the first try after which no new try starts; nil: until cancelled.
    public var deadline: Double?
    public var maxDelay: Double
    public var settledMaxDelay: Double
    /// Uniform in 0..<1; fixed in tests.
    public var random: @Sendable () -> Double
    public var sleep: @Sendable (_ seconds: Double) async throws -> Void
    /// Seconds on a monotonic clock, for the deadline.
    public var elapsed: @Sendable () -> Double

    public init(
        deadline: Double?, maxDelay: Double = 5, settledMaxDelay: Double = 30,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (_ seconds: Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        elapsed: (@Sendable () -> Double)? = nil
    ) {
        self.deadline = deadline
        self.maxDelay = maxDelay
        self.settledMaxDelay = settledMaxDelay
        self.random = random
        self.sleep = sleep
        if let elapsed {
            self.elapsed = elapsed
        } else {
            let start = ContinuousClock.now
            self.elapsed = { Self.seconds(start.duration(to: .now)) }
        }
    }

    /// The console: keep trying until the operator cancels.
    public static var untilCancelled: CommandRetry { CommandRetry(deadline: nil) }

    /// One try only: the first failure is the answer.
    public static var once: CommandRetry { CommandRetry(deadline: 0) }

    /// Seconds to wait after failed try `number` (1-based) before the next.
    public func delay(after number: Int, trafficSettled: Bool) -> Double {
        let cap = trafficSettled ? settledMaxDelay : maxDelay
        let ceiling = min(cap, pow(2, Double(min(number, 30) - 1)))
        return ceiling * (0.5 + 0.5 * random())
    }

    /// What `run` ends with when it does not succeed.
    public enum Ending: Error, Equatable, Sendable {
        /// A failure no retry can fix.
        case permanent(CommandFailure, attempts: Int)
        /// The deadline passed; the last failure.
        case deadlinePassed(CommandFailure, attempts: Int)
    }

    /// Runs `attempt` (given the try's number) until it returns. A try once started runs to
    /// its end even when the caller is cancelled, so a listener write is never cut in half;
    /// cancellation stops the waiting between tries and throws `CancellationError`.
    public func run<Value: Sendable>(
        _ attempt: @escaping @Sendable (Int) async throws -> Value,
        failed: CommandAttemptHandler
    ) async throws -> (value: Value, attempts: Int) {
        var number = 1
        while true {
            let current = number
            let result = await Task { try await attempt(current) }.result
            let failure: CommandFailure
            switch result {
            case .success(let value):
                return (value, number)
            case .failure(let error as CommandFailure):
                failure = error
            case .failure(is CancellationError):
                throw CancellationError()
            case .failure(let error):
                failure = CommandFailure(String(describing: error), isTransient: false)
            }
            guard failure.isTransient else { throw Ending.permanent(failure, attempts: number) }
            let wait = delay(after: number, trafficSettled: failure.trafficSettled)
            if let deadline, elapsed() + wait > deadline { throw Ending.deadlinePassed(failure, attempts: number) }
            try Task.checkCancellation()
            await failed(CommandAttempt(number: number, error: failure.message, retryIn: wait, trafficSettled: failure.trafficSettled))
            try await sleep(wait)
            number += 1
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
