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
        return escapingControls(text)
    }

    /// One compact line of sorted-key JSON, for output written a record at a time.
    static func line<Value: Encodable>(_ value: Value, encoder: JSONEncoder) -> String {
        guard let data = try? encoder.encode(value) else { return "{}" }
        return escapingControls(String(decoding: data, as: UTF8.self))
    }

    /// An encoder for `line`: compact, sorted keys, slashes as they are.
    static func lineEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// JSONEncoder escapes C0 controls only: DEL, the C1 controls (a lone U+009B starts a
    /// terminal escape sequence) and U+2028/2029 in data would reach a terminal raw. They can
    /// stand only inside strings, where `\uXXXX` means the same, so JSON stays JSON.
    static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                escaped.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
