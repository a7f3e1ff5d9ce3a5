import CygniModel

/// The log events found for a trace, and whether the search stopped at its limit with more
/// (possibly) left: a cut-off answer must say so rather than pass for the whole story.
public struct TraceLogSearch: Sendable, Equatable {
    public var events: [LogEvent] = []
    public var reachedLimit = false

    public init(events: [LogEvent] = [], reachedLimit: Bool = false) {
        self.events = events
        self.reachedLimit = reachedLimit
    }
}
