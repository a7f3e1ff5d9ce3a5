/// A progress bar drawn to an eighth of a cell, with an optional centred label.
public struct Gauge: Sendable {
    public var ratio: Double
    public var label: String
    public var filledStyle: Style
    public var emptyStyle: Style

    public init(ratio: Double, label: String = "", filledStyle: Style, emptyStyle: Style) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let eighths = SubCell.eighths(ratio, of: area.width)
        let full = eighths / 8
        let partial = eighths % 8
        // The partial cell's empty part must match the empty cells beside it.
        let partialStyle = Style(foreground: filledStyle.foreground, background: emptyStyle.background, attributes: filledStyle.attributes)
        for row in area.y..<area.bottom {
            buffer.write(String(repeating: "█", count: full), x: area.x, y: row, maxWidth: full, style: filledStyle)
            var x = area.x + full
            if partial > 0 {
                buffer.write(SubCell.leftBlocks[partial], x: x, y: row, maxWidth: 1, style: partialStyle)
                x += 1
            }
            buffer.write(String(repeating: " ", count: area.right - x), x: x, y: row, maxWidth: area.right - x, style: emptyStyle)
        }
        guard !label.isEmpty else { return }
        let shown = DisplayWidth.truncate(label, to: area.width)
        let start = area.x + (area.width - DisplayWidth.of(shown)) / 2
        let row = area.y + (area.height - 1) / 2
        // Over the filled part the label is a cut-out; over the empty part it is plain text.
        let filledEnd = area.x + full
        var x = start
        for character in shown {
            let style = x < filledEnd ? filledStyle.reversedVideo : emptyStyle
            x += buffer.write(String(character), x: x, y: row, maxWidth: area.right - x, style: style)
        }
    }
}
