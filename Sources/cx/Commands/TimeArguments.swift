import ArgumentParser
import Foundation

/// Times and durations as the AWS commands take them: `--since 15m`, `--start 2026-11-26T09:00:00Z`
/// or epoch seconds.
enum TimeArguments {
    /// "30s", "15m", "2h", "1d" in seconds.
    static func duration(_ text: String, option: String) throws -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last, let scale = units[unit], let value = Double(text.dropLast()), value > 0, value.isFinite else {
            throw ValidationError("\(option) takes a duration such as 30s, 15m, 2h or 1d, not \"\(text)\"")
        }
        return value * scale
    }

    /// ISO 8601 (with or without fractional seconds) or epoch seconds.
    static func date(_ text: String, option: String) throws -> Date {
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw ValidationError("\(option) takes an ISO 8601 time such as 2026-11-26T09:00:00Z or epoch seconds, not \"\(text)\"")
    }
}
