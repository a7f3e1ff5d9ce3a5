/// One span of a trace waterfall: its name, a bar placed where it ran within the trace, and
/// its duration.
public struct WaterfallRow: Sendable {
    public var label: String
    public var labelStyle: Style
    /// Where the span starts, as a fraction of the trace (0...1).
    public var start: Double
    /// How long it ran, as a fraction of the trace.
    public var length: Double
    public var barStyle: Style
    public var durationText: String
    public var durationStyle: Style

    public init(
        label: String, labelStyle: Style = .plain, start: Double, length: Double, barStyle: Style, durationText: String,
        durationStyle: Style = .plain
    ) {
        self.label = label
        self.labelStyle = labelStyle
        self.start = start
        self.length = length
        self.barStyle = barStyle
        self.durationText = durationText
        self.durationStyle = durationStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let y = area.y
        let labelWidth = area.width * 35 / 100
        let durationWidth = min(DisplayWidth.of(durationText), max(0, area.width - labelWidth - 2))
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let durationX = area.right - durationWidth
        let barWidth = max(0, durationX - (durationWidth > 0 ? 1 : 0) - barX)
        if labelWidth > 0 {
            buffer.write(truncating: label, x: area.x, y: y, width: labelWidth, style: labelStyle)
        }
        if durationWidth > 0 {
            buffer.write(truncating: durationText, x: durationX, y: y, width: durationWidth, style: durationStyle)
        }
        drawBar(into: &buffer, x: barX, y: y, width: barWidth)
    }

    private func drawBar(into buffer: inout Buffer, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        let total = width * 8
        let first = SubCell.clamped(start)
        let last = SubCell.clamped(first + (length.isNaN ? 0 : max(0, length)))
        let from = min(total, Int((first * Double(total)).rounded()))
        let to = min(total, Int((last * Double(total)).rounded()))
        if to <= from {
            // A span too short to measure still shows where it happened.
            buffer.write("│", x: x + min(width - 1, from / 8), y: y, maxWidth: 1, style: barStyle)
            return
        }
        for cell in (from / 8)...min(width - 1, (to - 1) / 8) {
            let cellStart = cell * 8
            let covered = min(to, cellStart + 8) - max(from, cellStart)
            let symbol: String
            var style = barStyle
            if covered >= 8 {
                symbol = "█"
            } else if from <= cellStart {
                symbol = SubCell.leftBlocks[covered]  // the bar ends inside this cell
            } else if to >= cellStart + 8 {
                // The bar starts inside this cell. There are no right-aligned eighth blocks, so
                // draw the uncovered left part as a left block in reverse video.
                symbol = SubCell.leftBlocks[8 - covered]
                style = barStyle.reversedVideo
            } else {
                // Starts and ends inside one cell: the nearer half, at least visible.
                symbol = (from - cellStart) + (to - cellStart) >= 8 ? "▐" : "▌"
            }
            buffer.write(symbol, x: x + cell, y: y, maxWidth: 1, style: style)
        }
    }
}
