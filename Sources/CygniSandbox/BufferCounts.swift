/// Sizes of the sandbox's bounded buffers, and how much each has dropped: every list that grows
/// with time has a limit and says what it let go.
public struct BufferCounts: Equatable, Sendable {
    public var traces: Int
    public var tracesDropped: Int
    public var logs: Int
    public var logsDropped: Int
    public var taskEvents: Int
    public var taskEventsDropped: Int
}
