import Foundation

public enum LogLevel: String, Equatable, Sendable, Codable, CaseIterable, Comparable {
    case trace, debug, info, warn, error, fatal

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }

    /// Reads the spellings services actually use (WARNING, Err, critical ...).
    public init?(loose text: String) {
        switch text.lowercased() {
        case "trace": self = .trace
        case "debug", "dbg": self = .debug
        case "info", "information", "notice": self = .info
        case "warn", "warning": self = .warn
        case "error", "err": self = .error
        case "fatal", "critical", "crit", "panic": self = .fatal
        default: return nil
        }
    }
}

/// One log line from a service, with the trace it belongs to when it carries one.
public struct LogEvent: Equatable, Sendable, Codable {
    public var timestamp: Date
    public var group: String
    public var stream: String
    public var service: String
    public var level: LogLevel?
    /// As written by the service: untrusted, may hold escape sequences; sanitize before display.
    public var message: String
    public var traceID: TraceID?
    public var spanID: SpanID?

    public init(
        timestamp: Date, group: String, stream: String, service: String, level: LogLevel?,
        message: String, traceID: TraceID? = nil, spanID: SpanID? = nil
    ) {
        self.timestamp = timestamp
        self.group = group
        self.stream = stream
        self.service = service
        self.level = level
        self.message = message
        self.traceID = traceID
        self.spanID = spanID
    }
}

/// Something that happened to a task of a service (ECS-like).
public struct TaskEvent: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable {
        case started, stopped, healthCheckFailed
    }

    public var time: Date
    public var service: String
    public var version: String
    public var taskID: String
    public var kind: Kind
    public var exitCode: Int?
    /// As ECS reports it, e.g. `OutOfMemoryError: Container killed due to memory usage`.
    public var stoppedReason: String?

    public init(
        time: Date, service: String, version: String, taskID: String, kind: Kind,
        exitCode: Int? = nil, stoppedReason: String? = nil
    ) {
        self.time = time
        self.service = service
        self.version = version
        self.taskID = taskID
        self.kind = kind
        self.exitCode = exitCode
        self.stoppedReason = stoppedReason
    }

    /// An OOM kill is read from the reason; exit code 137 alone is also a stop-timeout SIGKILL.
    public var isOutOfMemory: Bool {
        stoppedReason?.hasPrefix("OutOfMemoryError") == true
    }
}
