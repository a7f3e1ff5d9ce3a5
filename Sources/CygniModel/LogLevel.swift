import Foundation

public enum LogLevel: String, Equatable, Sendable, Codable, CaseIterable, Comparable {
    case trace, debug, info, warn, error, fatal

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }

    /// Reads the spellings services actually use (WARNING, Err, critical, zap's dpanic, syslog's
    /// and Cloud Logging's severities, winston's verbose and silly ...).
    public init?(loose text: String) {
        switch text.lowercased() {
        case "trace", "silly", "finest", "finer": self = .trace
        case "debug", "dbg", "verbose", "fine": self = .debug
        case "info", "information", "informational", "notice", "default": self = .info
        case "warn", "warning": self = .warn
        case "error", "err", "exception", "severe": self = .error
        case "fatal", "critical", "crit", "panic", "dpanic", "alert", "emerg", "emergency": self = .fatal
        default: return nil
        }
    }

    /// pino's and bunyan's numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal;
    /// a number between two levels reads as the lower one (custom levels sit between them).
    public init?(pino number: Double) {
        guard (10...100).contains(number) else { return nil }
        switch number {
        case ..<20: self = .trace
        case ..<30: self = .debug
        case ..<40: self = .info
        case ..<50: self = .warn
        case ..<60: self = .error
        default: self = .fatal
        }
    }
}
