import Foundation

/// The log events found for a trace, and whether the search stopped at its limit with more
/// (possibly) left: a cut-off answer must say so rather than pass for the whole story.
public struct TraceLogSearch: Sendable, Equatable {
    public var events: [LogEvent] = []
    public var reachedLimit = false
    /// The log groups searched, so an empty answer can say where nothing was found.
    public var groups: [String] = []
    /// The times searched, so an empty answer can say when nothing was found.
    public var window: DateInterval?
    /// How the window was chosen, for that answer: "the trace's own times, 2 s either side".
    public var windowReason: String?
    /// What a reader should know about how the search was narrowed, e.g. that the trace's own
    /// times were unknown and a default window was searched. Untrusted text: sanitize to print.
    public var notes: [String] = []

    public init(
        events: [LogEvent] = [], reachedLimit: Bool = false, groups: [String] = [], window: DateInterval? = nil,
        windowReason: String? = nil, notes: [String] = []
    ) {
        self.events = events
        self.reachedLimit = reachedLimit
        self.groups = groups
        self.window = window
        self.windowReason = windowReason
        self.notes = notes
    }
}
