import CygniModel
import CygniTerminal

/// The rows under a log line whose fields are open: a structured line's fields, key by key in
/// a column, a value of several lines (a stack trace) on several rows; then where the line came
/// from (group, stream, trace, span). Every key and value passes the sanitizer; what a limit cut
/// is counted on its own row.
struct LogFieldLines {
    let event: LogEvent
    let theme: Theme
    /// The row above already shows the group and stream.
    let showsGroup: Bool
    /// The key that zooms the pane, for a block longer than the pane.
    let zoomKey: String?

    /// Keys are padded to the longest up to this width; a longer key pushes its value right.
    static let keyColumn = 24
    /// Rows of one value shown; a longer stack trace says how many rows it has left.
    static let valueRows = 8
    static let indent = "  "

    /// At most `limit` rows (the last saying how many more there were), at least one.
    func lines(limit: Int) -> [StyledLine] {
        var entries = (event.fields?.items ?? []).map { ($0.key, $0.value) }
        if !showsGroup { entries += [("group", event.group), ("stream", event.stream)] }
        if let trace = event.traceID { entries.append(("trace", trace.xray)) }
        if let span = event.spanID { entries.append(("span", span.hex)) }
        let keys = entries.map { Sanitizer.clean($0.0) }
        let width = min(Self.keyColumn, keys.map(DisplayWidth.of).max() ?? 0)
        var lines: [StyledLine] = []
        for (key, entry) in zip(keys, entries) {
            let values = Sanitizer.cleanLines(entry.1)
            let keyText = Self.indent + DisplayWidth.fit(key, to: max(width, DisplayWidth.of(key))) + "  "
            let hanging = String(repeating: " ", count: DisplayWidth.of(keyText))
            for (row, value) in values.prefix(Self.valueRows).enumerated() {
                lines.append(StyledLine([StyledSpan(row == 0 ? keyText : hanging, theme[.muted]), StyledSpan(value, theme[.text])]))
            }
            if values.count > Self.valueRows {
                lines.append(StyledLine(hanging + "… \(values.count - Self.valueRows) more lines", theme[.muted]))
            }
        }
        if let fields = event.fields {
            var cut: [String] = []
            if fields.dropped > 0 { cut.append("\(fields.dropped) more field\(fields.dropped == 1 ? "" : "s") not kept (a line keeps \(LogFields.maxCount))") }
            if fields.shortened > 0 { cut.append("\(fields.shortened) value\(fields.shortened == 1 ? "" : "s") cut short") }
            if !cut.isEmpty { lines.append(StyledLine(Self.indent + "… " + cut.joined(separator: "; "), theme[.muted])) }
        }
        let room = max(1, limit)
        guard lines.count > room else { return lines }
        return Array(lines.prefix(room - 1)) + [StyledLine(Self.indent + "… \(lines.count - room + 1) more rows" + (zoomKey.map { " (\($0) zooms)" } ?? ""), theme[.muted])]
    }
}
