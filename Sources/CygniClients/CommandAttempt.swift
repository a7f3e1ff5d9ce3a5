/// A try of an operator command that failed and will be tried again: what the console's
/// pending banner and `cx rollback`'s stderr say while a command keeps going.
public struct CommandAttempt: Equatable, Sendable {
    /// Tries made so far, this one included.
    public var number: Int
    /// The failure, one line (untrusted text: sanitize before display).
    public var error: String
    /// Seconds until the next try.
    public var retryIn: Double
    /// Traffic is already where the command puts it; only its cleanup is being retried.
    public var trafficSettled: Bool

    public init(number: Int, error: String, retryIn: Double, trafficSettled: Bool) {
        self.number = number
        self.error = error
        self.retryIn = retryIn
        self.trafficSettled = trafficSettled
    }
}

/// Told of every failed try that will be retried.
public typealias CommandAttemptHandler = @Sendable (CommandAttempt) async -> Void
