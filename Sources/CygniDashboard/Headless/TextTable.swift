import CygniTerminal
import Foundation

/// Output of the headless commands: aligned text tables for people, stable JSON for scripts.
enum TextTable {
    /// Columns padded to their widest cell (by display width), two spaces apart; the last column
    /// is not padded. Every cell passes the sanitizer, like everything drawn on screen.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let clean = rows.map { $0.map(Sanitizer.clean) }
        let columns = clean.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in clean.map { $0.count > column ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        return clean.map { row in
            var line = row.enumerated().map { column, cell in
                column == row.count - 1 && !rightAligned.contains(column)
                    ? cell
                    : DisplayWidth.fit(cell, to: widths[column], alignment: rightAligned.contains(column) ? .right : .left)
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

enum JSONOutput {
    /// Pretty, sorted-key JSON: the same value always gives the same bytes.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }
}
