import Foundation

/// The times log lines state: epoch numbers in seconds (zap's `ts`, often fractional),
/// milliseconds (pino's `time`), microseconds or nanoseconds, told apart by size; or ISO 8601
/// text (structlog, logback's `@timestamp`), with or without fractional seconds.
public enum LogTime {
    /// Epoch numbers are read only between 2001 and 2286 in whichever unit makes them so: a
    /// count or a duration in a `time` field is not taken for a date.
    static func date(epoch number: Double) -> Date? {
        guard number.isFinite, number > 0 else { return nil }
        for divisor in [1.0, 1e3, 1e6, 1e9] {
            let seconds = number / divisor
            if (1e9..<1e10).contains(seconds) { return Date(timeIntervalSince1970: seconds) }
        }
        return nil
    }

    static func date(iso text: String) -> Date? {
        guard text.count >= 10, text.count <= 40, text.first?.isNumber == true else { return nil }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// As a field shows a time it read (and logfmt writers stamp lines): ISO 8601 in UTC, to the
    /// millisecond.
    public static func text(_ date: Date) -> String {
        // The style cuts to the millisecond; half of one first makes that a rounding (epoch
        // milliseconds divided by 1,000 land a hair below the millisecond they name).
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date.addingTimeInterval(0.000_5))
    }
}
