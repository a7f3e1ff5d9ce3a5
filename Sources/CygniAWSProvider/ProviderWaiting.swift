/// A command that must wait for ECS: its deployment has not reached the stage the command acts
/// at (a PAUSE hook, the end of a shift, the clean-up). Not a failure: the command is tried
/// again at the next read, and the rollout says what it waits for.
public struct ProviderWaiting: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
