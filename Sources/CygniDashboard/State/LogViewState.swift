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
    /// Sticks to the newest line; moving up holds the view, moving past the newest line or
    /// `bottom` resumes.
    public var follow = true
    public var wrap = false
    /// First event shown when not following.
    public var scroll = 0
    public var search = ""
    /// The selected event (index in the shown events): the search match found, or the line the
    /// selection moved to. None while following the newest lines.
    public var selection: Int?
    /// The selected line shows its fields (a structured line's, then where it came from) below it.
    public var expanded = false

    public init() {}
}

public enum LoadStatus: Equatable, Sendable {
    case loading
    case loaded
    case failed(String)
}
