import CygniTerminal
import Foundation

/// The headless commands' output writers, for the executable's commands outside this module.
public enum HeadlessOutput {
    /// One line of untrusted text made safe for a terminal.
    public static func clean(_ text: String) -> String {
        Sanitizer.clean(text)
    }

    /// "2026-11-26T09:03:10.123Z", to the nearest millisecond. Formatted by hand: a command printing
    /// 100,000 log lines would otherwise spend most of its time in date formatters.
    public static func timestamp(_ date: Date) -> String {
        // Dates come from data; one no Int64 of milliseconds can hold would trap.
        guard date.timeIntervalSince1970.isFinite, abs(date.timeIntervalSince1970) < 1e14 else { return "-" }
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int, _ digits: Int) -> String {
            let text = String(value)
            return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
        }
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
            + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
            + "." + padded(fraction, 3) + "Z"
    }

    /// Aligned columns, every cell sanitized.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        TextTable.render(rows, rightAligned: rightAligned)
    }

    /// The same table printed line by line from a row function (called twice per row), for
    /// output too long to hold as one string.
    public static func printTable(rowCount: Int, row: (Int) -> [String], rightAligned: Set<Int> = []) {
        TextTable.write(rowCount: rowCount, row: row, rightAligned: rightAligned) { print($0) }
    }

    /// Pretty, sorted-key JSON.
    public static func json<Value: Encodable>(_ value: Value) -> String {
        JSONOutput.encode(value)
    }
}
