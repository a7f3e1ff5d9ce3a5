/// Why one try of an operator command did not finish, and whether trying again can help.
/// A control plane raises it from an attempt; `CommandRetry` decides from it what happens next.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// One line for the operator: what failed, and for a permanent failure what to do by hand.
    public var message: String
    /// Throttling, 5xx, resets, timeouts, truncated or unreadable answers: the same command sent
    /// again may well succeed. Access denied, or the service or listener gone: it will not.
    public var isTransient: Bool
    /// The command's traffic change is done (on every listener); what failed came after it.
    public var trafficSettled: Bool

    public init(_ message: String, isTransient: Bool, trafficSettled: Bool = false) {
        self.message = message
        self.isTransient = isTransient
        self.trafficSettled = trafficSettled
    }

    public var description: String { message }
}
