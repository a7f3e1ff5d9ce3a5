import CygniTerminal
import Foundation

/// The headless commands' output writers, for the executable's commands outside this module.
public enum HeadlessOutput {
    /// One line of untrusted text made safe for a terminal.
    public static func clean(_ text: String) -> String {
        Sanitizer.clean(text)
    }

    /// "2026-11-26T09:03:10.123Z".
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Aligned columns, every cell sanitized.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        TextTable.render(rows, rightAligned: rightAligned)
    }

    /// Pretty, sorted-key JSON.
    public static func json<Value: Encodable>(_ value: Value) -> String {
        JSONOutput.encode(value)
    }
}
