/// How often, in refreshes, the slower-changing sources are asked: on AWS every read is a
/// request someone pays for or a rate limit shared with other tools, and a trace list or a log
/// tail a few seconds older costs the operator little. The rollouts (and so the Traffic split
/// and the pending banner) are read on every refresh.
public struct SourceCadence: Equatable, Sendable {
    public var traces: Int
    public var logs: Int

    public init(traces: Int = 1, logs: Int = 1) {
        self.traces = max(1, traces)
        self.logs = max(1, logs)
    }

    public static let everyRefresh = SourceCadence()

    /// Trace summaries every `traceSeconds` and the log tail every `logSeconds`, at the given
    /// refresh.
    public static func every(traceSeconds: Double, logSeconds: Double, refreshSeconds: Double) -> SourceCadence {
        let refresh = max(0.001, refreshSeconds)
        return SourceCadence(traces: Int((traceSeconds / refresh).rounded(.up)), logs: Int((logSeconds / refresh).rounded(.up)))
    }
}
