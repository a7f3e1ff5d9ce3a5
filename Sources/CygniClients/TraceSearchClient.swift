import CygniModel
import Foundation

/// Which traces `cx traces` lists: those that started in the window, newest first.
public struct TraceSummaryQuery: Equatable, Sendable {
    public var start: Date
    public var end: Date
    /// Only traces whose root service is this one.
    public var service: String?
    /// Only traces with an error (4xx) or a fault (5xx).
    public var errorsOnly: Bool
    /// At most this many, the newest.
    public var limit: Int

    public init(start: Date, end: Date, service: String? = nil, errorsOnly: Bool = false, limit: Int = 50) {
        self.start = start
        self.end = end
        self.service = service
        self.errorsOnly = errorsOnly
        self.limit = limit
    }
}

/// Which log lines of a trace to find. What is not given, the source works out one way for every
/// caller (the console's Logs pane and `cx logs --trace` alike): the window from the trace's own
/// times, else the last `lookback`; the groups from the services the trace went through.
public struct TraceLogQuery: Equatable, Sendable {
    public var trace: TraceID
    /// Only the lines of this span.
    public var span: SpanID?
    /// Where to look; nil for the trace's own times.
    public var window: DateInterval?
    /// Look over the last this long before the source's now instead of the trace's own times
    /// (`cx logs --since`, given by the user); `window` wins over it.
    public var since: TimeInterval?
    /// How far back from now to look when the trace's times are unknown.
    public var lookback: TimeInterval
    /// The log groups to search; empty for the groups of the services the trace touched.
    public var groups: [String]
    /// At most this many events, the earliest; the answer says when more carry the trace.
    public var limit: Int

    /// Events the console's Logs pane asks for: more than a pane can show, few enough to hold.
    public static let paneLimit = 2_000

    /// Two hours: long enough for a slow request and the lag of log delivery.
    public static let defaultLookback: TimeInterval = 2 * 3_600

    /// Where to look, by the one rule every source follows: the window given; else the last
    /// `since` before `now`; else the trace's own times (`known`, when the source knows the
    /// trace); else the last `lookback` before `now`.
    public func window(known: Trace?, now: Date) -> DateInterval {
        if let window { return window }
        if let since { return DateInterval(start: now.addingTimeInterval(-since), end: now) }
        if let known {
            let (start, end) = known.logWindow
            return DateInterval(start: start, end: max(start, end))
        }
        return DateInterval(start: now.addingTimeInterval(-lookback), end: now)
    }

    /// How `window(known:now:)` chose, for a reader told that nothing was found there.
    public func windowReason(known: Trace?) -> String {
        if window != nil { return "the window asked for" }
        if let since { return "the last \(Self.durationText(since)) asked for" }
        if known != nil { return "the trace's own times, 2 s either side" }
        return "the last \(lookbackText): the trace's own times are unknown"
    }

    /// "2h", "15m", "90s": the lookback as `--since` spells it, for notes about the window.
    public var lookbackText: String { Self.durationText(lookback) }

    /// True when the source must know the trace's own times to place the window.
    public var needsTraceTimes: Bool { window == nil && since == nil }

    /// A duration as `--since` spells it: "2h", "15m", "90s".
    public static func durationText(_ duration: TimeInterval) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3_600.0), ("m", 60.0)]
        where duration >= size && duration.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(duration / size))\(unit)"
        }
        return "\(Int(duration.rounded()))s"
    }

    public init(
        trace: TraceID, span: SpanID? = nil, window: DateInterval? = nil, since: TimeInterval? = nil,
        lookback: TimeInterval = TraceLogQuery.defaultLookback, groups: [String] = [], limit: Int
    ) {
        self.trace = trace
        self.span = span
        self.window = window
        self.since = since
        self.lookback = lookback
        self.groups = groups
        self.limit = limit
    }
}

/// Searching traces and their logs over a window, for the headless commands; the console's
/// Logs pane reads a trace's logs through the same search.
public struct TraceSearchClient: Sendable {
    /// Newest first, filtered, at most `limit`.
    public var summaries: @Sendable (TraceSummaryQuery) async throws -> [TraceOverview]
    /// In time order, at most `limit`, with the groups searched.
    public var logs: @Sendable (TraceLogQuery) async throws -> TraceLogSearch

    public init(
        summaries: @escaping @Sendable (TraceSummaryQuery) async throws -> [TraceOverview],
        logs: @escaping @Sendable (TraceLogQuery) async throws -> TraceLogSearch
    ) {
        self.summaries = summaries
        self.logs = logs
    }

    /// For a source that does not search: every call fails saying so.
    public static func unavailable(_ source: String) -> TraceSearchClient {
        TraceSearchClient(
            summaries: { _ in throw ClientError("\(source) does not list traces") },
            logs: { _ in throw ClientError("\(source) does not search logs") })
    }
}
