import Foundation

/// A log line read for a person: its time, level and message, and its other fields. Read from
/// JSON as pino, zap, structlog and logback's logstash encoder write it, from logfmt
/// (`level=warn msg="..."`), or from plain text, where a leading level word (`ERROR ...`,
/// `[WARN]`, `info:`) or a `level=`/`lvl=` pair gives the level and the text stays as written.
/// Pure and total: any text gives a line, hostile or half-written input included.
public struct LogLine: Equatable, Sendable {
    public enum Format: String, Equatable, Sendable {
        case json, logfmt, plain
    }

    public var format: Format
    /// The time the line states, when it states one the reader understands.
    public var time: Date?
    public var level: LogLevel?
    /// The message, with the error's first line after it when the line carries one the message
    /// does not already say. For plain text, the whole line as written.
    public var message: String
    public var fields: LogFields
    public var traceID: TraceID?
    public var spanID: SpanID?

    public init(
        format: Format, time: Date? = nil, level: LogLevel? = nil, message: String, fields: LogFields = LogFields(),
        traceID: TraceID? = nil, spanID: SpanID? = nil
    ) {
        self.format = format
        self.time = time
        self.level = level
        self.message = message
        self.fields = fields
        self.traceID = traceID
        self.spanID = spanID
    }

    public init(parsing text: String) {
        if let json = Self.json(text) {
            self = json
        } else if let logfmt = Self.logfmt(text) {
            self = logfmt
        } else {
            self.init(format: .plain, level: Self.plainLevel(text), message: text)
        }
    }

    /// Longer lines are not read as JSON or logfmt: CloudWatch Logs keeps at most 256 KiB of an
    /// event, and a line that long is shown as text rather than taken apart.
    public static let maxStructuredLength = 256 * 1_024

    // The keys each writer uses, most specific first. structlog's `event` is its message;
    // `log.level` is the Elastic Common Schema's, flattened.
    static let messageKeys = ["msg", "message", "@message", "event"]
    static let levelKeys = ["level", "severity", "lvl", "levelname", "loglevel", "log.level", "@level"]
    static let timeKeys = ["time", "ts", "timestamp", "@timestamp"]
    static let errorKeys = ["err", "error", "exception", "stack_trace", "stacktrace", "exc_info"]
    static let traceKeys = ["traceId", "trace_id", "traceID", "trace.id", "dd.trace_id"]
    static let spanKeys = ["spanId", "span_id", "spanID", "span.id", "dd.span_id"]
    /// An error's first line is added to the message up to this many characters.
    static let maxErrorSummary = 300

    /// Builds a line from the flat fields of a structured one: the known keys become its level,
    /// message, trace and span; everything else (the time too, a number shown as a date) stays a
    /// field.
    static func structured(_ format: Format, fields flat: [(key: String, value: FieldValue)]) -> LogLine? {
        func first(_ keys: [String]) -> (key: String, value: FieldValue)? {
            for key in keys { if let found = flat.first(where: { $0.key == key }) { return found } }
            return nil
        }
        let message = first(messageKeys).flatMap { $0.value.text.isEmpty ? nil : $0 }
        let level = first(levelKeys)
        // Without a message or a level it is some other JSON (a metric, a payload): shown as text.
        guard message != nil || level.flatMap({ $0.value.level }) != nil else { return nil }
        var consumed: Set<String> = []
        if let message { consumed.insert(message.key) }
        if let level, level.value.level != nil { consumed.insert(level.key) }
        // A trace and a span the event carries are shown as the event's, not again as fields.
        let trace = first(traceKeys).flatMap { found in TraceID(found.value.text).map { (found.key, $0) } }
        let span = first(spanKeys).flatMap { found in SpanID(found.value.text).map { (found.key, $0) } }
        if let trace { consumed.insert(trace.0) }
        if let span { consumed.insert(span.0) }
        let time = first(timeKeys)
        let date = time?.value.date
        var fields: [LogField] = []
        for (key, value) in flat where !consumed.contains(key) {
            // A number becomes a date a person can read; a written date stays as written.
            if key == time?.key, let date, LogTime.date(iso: value.text) == nil {
                fields.append(LogField(key: key, value: LogTime.text(date)))
            } else {
                fields.append(LogField(key: key, value: value.text))
            }
        }
        let error = errorText(flat)
        var text = message?.value.text ?? error ?? ""
        if let error, message != nil, !text.contains(error) { text += ": " + error }
        return LogLine(
            format: format, time: date, level: level?.value.level, message: text, fields: LogFields(bounding: fields),
            traceID: trace?.1, spanID: span?.1)
    }

    /// The first line of the error the line carries: pino's `err.message`, zap's `error`,
    /// logback's `stack_trace` (whose first line names the exception).
    private static func errorText(_ flat: [(key: String, value: FieldValue)]) -> String? {
        for key in errorKeys {
            let candidates = [key + ".message", key + ".msg", key]
            for candidate in candidates {
                guard let found = flat.first(where: { $0.key == candidate }) else { continue }
                let line = found.value.text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                // A summary on the message's row; the whole error stays a field.
                if !trimmed.isEmpty { return LogFields.cut(trimmed, to: maxErrorSummary).text }
            }
        }
        return nil
    }
}

/// A field's value as read: text, or a number (times and pino levels are numbers).
enum FieldValue: Equatable, Sendable {
    case text(String)
    case number(Double, written: String)

    var text: String {
        switch self {
        case .text(let text): return text
        case .number(_, let written): return written
        }
    }

    var level: LogLevel? {
        switch self {
        case .text(let text): return LogLevel(loose: text) ?? Double(text).flatMap(LogLevel.init(pino:))
        case .number(let number, _): return LogLevel(pino: number)
        }
    }

    var date: Date? {
        switch self {
        case .number(let number, _): return LogTime.date(epoch: number)
        case .text(let text): return Double(text).flatMap(LogTime.date(epoch:)) ?? LogTime.date(iso: text)
        }
    }
}
