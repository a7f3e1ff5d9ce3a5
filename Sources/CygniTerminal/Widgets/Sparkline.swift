/// A small chart of recent values, newest at the right, one column per value.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var style: Style
    /// The value drawn as a full column; nil means the largest value shown.
    public var maximum: Double?

    public init(values: [Double], style: Style = .plain, maximum: Double? = nil) {
        self.values = values
        self.style = style
        self.maximum = maximum
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top: Double
        if let maximum, maximum.isFinite, maximum > 0 {
            top = maximum
        } else {
            top = shown.filter(\.isFinite).max() ?? 0
        }
        let levels = area.height * 8
        // Fewer values than columns: they hug the right edge, where the newest belongs.
        let firstColumn = area.right - shown.count
        for (position, value) in shown.enumerated() {
            let eighths = Sparkline.eighths(value, top: top, levels: levels)
            let x = firstColumn + position
            for row in 0..<area.height {
                let level = min(8, max(0, eighths - row * 8))
                buffer.write(SubCell.lowerBlocks[level], x: x, y: area.bottom - 1 - row, maxWidth: 1, style: style)
            }
        }
    }

    /// One row of the newest `width` values as text, on the scale from `minimum` (one eighth:
    /// a datapoint at the bottom of the scale still shows; a flat series is all at the bottom)
    /// to `maximum` (a full block), so two
    /// series drawn with the same bounds compare column for column. Fewer values than columns
    /// leave the left blank, as `render` does.
    public static func row(_ values: [Double], width: Int, minimum: Double, maximum: Double) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let span = maximum - minimum
        var text = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard value.isFinite else {
                text += SubCell.lowerBlocks[0]
                continue
            }
            let fraction = span > 0 && span.isFinite ? (value - minimum) / span : 0
            text += SubCell.lowerBlocks[max(1, min(8, Int((fraction * 7).rounded()) + 1))]
        }
        return text
    }

    /// Height of one column in eighths of a cell. NaN and values at or below zero draw nothing;
    /// a positive value shows at least one eighth, so a quiet minute differs from no data.
    static func eighths(_ value: Double, top: Double, levels: Int) -> Int {
        guard !value.isNaN, value > 0 else { return 0 }
        guard top > 0, value < top else { return levels }
        return max(1, min(levels, Int((value / top * Double(levels)).rounded())))
    }
}
