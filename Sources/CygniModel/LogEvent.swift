import Foundation

/// One log line from a service, with the trace it belongs to when it carries one.
public struct LogEvent: Equatable, Sendable, Codable {
    public var timestamp: Date
    public var group: String
    public var stream: String
    public var service: String
    public var level: LogLevel?
    /// As written by the service, or a structured line's message (see `LogLine`): untrusted,
    /// may hold escape sequences; sanitize before display.
    public var message: String
    public var traceID: TraceID?
    public var spanID: SpanID?
    /// A structured line's other fields, shown on demand; nil for a plain line. Optional so that
    /// events encoded before it existed still decode.
    public var fields: LogFields?

    public init(
        timestamp: Date, group: String, stream: String, service: String, level: LogLevel?,
        message: String, traceID: TraceID? = nil, spanID: SpanID? = nil, fields: LogFields? = nil
    ) {
        self.timestamp = timestamp
        self.group = group
        self.stream = stream
        self.service = service
        self.level = level
        self.message = message
        self.traceID = traceID
        self.spanID = spanID
        self.fields = fields
    }

    /// A line as a service wrote it, read by `LogLine`: a structured line gives its level,
    /// message, fields, trace and span; a plain one its level word. What the source already knows
    /// wins: the time it recorded (which orders and windows the events), a level it was told, the
    /// trace that was searched for.
    public init(
        line: String, timestamp: Date, group: String, stream: String, service: String, level: LogLevel? = nil,
        traceID: TraceID? = nil, spanID: SpanID? = nil
    ) {
        let read = LogLine(parsing: line)
        self.init(
            timestamp: timestamp, group: group, stream: stream, service: service, level: level ?? read.level,
            message: read.message, traceID: traceID ?? read.traceID, spanID: spanID ?? read.spanID,
            fields: read.fields.isEmpty ? nil : read.fields)
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
