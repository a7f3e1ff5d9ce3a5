import CygniModel

/// What the Logs pane shows and how.
public struct LogViewState: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// The live tail of every service.
        case tail
        /// The events of one trace (or one span of it), fetched on demand.
        case trace(TraceID, span: SpanID?, events: [LogEvent], status: LoadStatus)
    }

    public var source: Source = .tail
    /// Sticks to the newest line; scrolling up holds the view, `bottom` resumes.
    public var follow = true
    public var wrap = false
    /// First display row shown when not following.
    public var scroll = 0
    public var search = ""
    /// Index (in the shown events) of the current search match.
    public var match: Int?

    public init() {}
}

public enum LoadStatus: Equatable, Sendable {
    case loading
    case loaded
    case failed(String)
}
