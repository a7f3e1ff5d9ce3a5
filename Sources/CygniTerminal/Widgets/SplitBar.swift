/// A one-row bar split in two shares, such as stable and canary traffic.
public struct SplitBar: Sendable {
    public var leftPercent: Int
    public var leftStyle: Style
    public var rightStyle: Style
    public var leftLabel: String
    public var rightLabel: String

    public init(leftPercent: Int, leftStyle: Style, rightStyle: Style, leftLabel: String = "", rightLabel: String = "") {
        self.leftPercent = leftPercent
        self.leftStyle = leftStyle
        self.rightStyle = rightStyle
        self.leftLabel = leftLabel
        self.rightLabel = rightLabel
    }

    /// Cells of `width` given to the left share: 0% and 100% are exact, and a share that is not
    /// zero always gets a cell (1% of canary traffic must not look like none).
    static func leftCells(percent: Int, width: Int) -> Int {
        let percent = min(100, max(0, percent))
        guard width > 0 else { return 0 }
        if percent == 0 { return 0 }
        if percent == 100 { return width }
        var cells = (width * percent + 50) / 100
        if cells == 0 { cells = 1 }
        if cells == width, width >= 2 { cells = width - 1 }
        return cells
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let left = SplitBar.leftCells(percent: leftPercent, width: area.width)
        let right = area.width - left
        let y = area.y
        buffer.write(String(repeating: "█", count: left), x: area.x, y: y, maxWidth: left, style: leftStyle)
        buffer.write(String(repeating: "█", count: right), x: area.x + left, y: y, maxWidth: right, style: rightStyle)
        // Labels read as cut-outs in the bar; one that does not fit its share is left out.
        let leftWidth = DisplayWidth.of(leftLabel)
        if !leftLabel.isEmpty, leftWidth <= left {
            let pad = left >= leftWidth + 2 ? 1 : 0
            buffer.write(leftLabel, x: area.x + pad, y: y, maxWidth: left - pad, style: leftStyle.reversedVideo)
        }
        let rightWidth = DisplayWidth.of(rightLabel)
        if !rightLabel.isEmpty, rightWidth <= right {
            let pad = right >= rightWidth + 2 ? 1 : 0
            buffer.write(rightLabel, x: area.right - pad - rightWidth, y: y, maxWidth: rightWidth, style: rightStyle.reversedVideo)
        }
    }
}
