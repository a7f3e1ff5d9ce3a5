import CygniModel

/// Which traces the Traces pane lists.
public enum TraceFilter: String, Equatable, Sendable {
    case all, errors, slow

    /// Traces slower than this count as slow.
    public static let slowThresholdMilliseconds = 500.0

    func admits(_ trace: Trace) -> Bool {
        switch self {
        case .all: return true
        case .errors: return trace.status != .ok
        case .slow: return trace.durationMilliseconds >= Self.slowThresholdMilliseconds
        }
    }
}
