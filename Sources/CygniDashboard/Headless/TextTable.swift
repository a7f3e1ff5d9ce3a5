import CygniTerminal
import Foundation

/// Output of the headless commands: aligned text tables for people, stable JSON for scripts.
enum TextTable {
    /// Columns padded to their widest cell (by display width), two spaces apart; the last column
    /// is not padded. Every cell passes the sanitizer, like everything drawn on screen.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var lines: [String] = []
        write(rowCount: rows.count, row: { rows[$0] }, rightAligned: rightAligned) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// The same layout, line by line, asking for each row twice (widths, then text) instead of
    /// holding the table: 100,000 log lines never exist as one string. The last column's width is
    /// never needed unless it is right-aligned, so its cells are cleaned once.
    static func write(rowCount: Int, row: (Int) -> [String], rightAligned: Set<Int> = [], line: (String) -> Void) {
        var widths: [Int] = []
        for index in 0..<rowCount {
            let cells = row(index)
            if widths.count < cells.count { widths += Array(repeating: 0, count: cells.count - widths.count) }
            for (column, cell) in cells.enumerated() where column < cells.count - 1 || rightAligned.contains(column) {
                widths[column] = max(widths[column], DisplayWidth.of(Sanitizer.clean(cell)))
            }
        }
        for index in 0..<rowCount {
            let cells = row(index)
            var text = cells.enumerated().map { column, cell in
                let clean = Sanitizer.clean(cell)
                return column == cells.count - 1 && !rightAligned.contains(column)
                    ? clean
                    : DisplayWidth.fit(clean, to: widths[column], alignment: rightAligned.contains(column) ? .right : .left)
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            line(text)
        }
    }
}

enum JSONOutput {
    /// Pretty, sorted-key JSON: the same value always gives the same bytes.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Foundation's default counts seconds from 2001; scripts expect ISO 8601 in UTC.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HeadlessOutput.timestamp(date))
        }
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }
}
