/// One bar of a bar chart.
public struct Bar: Sendable {
    public var label: String
    public var value: Double
    public var style: Style
    public var valueText: String

    public init(label: String, value: Double, style: Style, valueText: String) {
        self.label = label
        self.value = value
        self.style = style
        self.valueText = valueText
    }
}

/// Horizontal bars, one per row: a label column, the bar, and the value as text at the right.
public struct BarChart: Sendable {
    public var bars: [Bar]
    /// The value drawn as a full bar; nil means the largest value.
    public var maximum: Double?
    public var labelStyle: Style

    public init(bars: [Bar], maximum: Double? = nil, labelStyle: Style = .plain) {
        self.bars = bars
        self.maximum = maximum
        self.labelStyle = labelStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !bars.isEmpty else { return }
        let top: Double
        if let maximum, maximum.isFinite, maximum > 0 {
            top = maximum
        } else {
            top = bars.map(\.value).filter(\.isFinite).max() ?? 0
        }
        // Labels get at most a third of the width and values a quarter, so the bar keeps room;
        // both are cut with an ellipsis rather than squeezing it out.
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, area.width / 3)
        let valueWidth = min(bars.map { DisplayWidth.of($0.valueText) }.max() ?? 0, area.width / 4)
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let valueX = area.right - valueWidth
        let barWidth = max(0, valueX - (valueWidth > 0 ? 1 : 0) - barX)
        for (row, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + row
            if labelWidth > 0 {
                buffer.write(truncating: bar.label, x: area.x, y: y, width: labelWidth, style: labelStyle)
            }
            let fraction = top > 0 && bar.value.isFinite ? bar.value / top : (bar.value == .infinity ? 1 : 0)
            let eighths = SubCell.eighths(fraction, of: barWidth)
            buffer.write(String(repeating: "█", count: eighths / 8), x: barX, y: y, maxWidth: barWidth, style: bar.style)
            if eighths % 8 > 0 {
                buffer.write(SubCell.leftBlocks[eighths % 8], x: barX + eighths / 8, y: y, maxWidth: 1, style: bar.style)
            }
            if valueWidth > 0 {
                let shown = DisplayWidth.truncate(bar.valueText, to: valueWidth)
                let x = area.right - DisplayWidth.of(shown)
                buffer.write(shown, x: x, y: y, maxWidth: area.right - x, style: labelStyle)
            }
        }
    }
}
