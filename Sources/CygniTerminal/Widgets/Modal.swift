/// A dialog over the screen: a bordered box, centred, that hides what is behind it. Its height
/// follows its wrapped text; the box never leaves the area it is given.
public struct Modal: Sendable {
    public var title: String
    public var lines: [StyledLine]
    public var width: Int
    public var style: Style
    public var borderStyle: Style
    public var titleStyle: Style

    public init(
        title: String, lines: [StyledLine], width: Int = 60, style: Style = .plain, borderStyle: Style = .plain,
        titleStyle: Style = .plain
    ) {
        self.title = title
        self.lines = lines
        self.width = width
        self.style = style
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
    }

    /// Draws the dialog and returns the area its text occupies.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        let area = area.intersection(buffer.area)
        let boxWidth = min(max(0, width), area.width)
        // One column of padding each side of the text when there is room for it.
        let padding = boxWidth >= 5 ? 1 : 0
        let textWidth = max(0, boxWidth - 2 - 2 * padding)
        let textRows = TextView.rowCount(of: lines, width: textWidth, wrap: true)
        let box = area.centered(width: boxWidth, height: textRows + 2)
        guard !box.isEmpty else { return Rect(x: box.x, y: box.y, width: 0, height: 0) }
        buffer.fill(box, style: style)
        let inner = Block(
            title: title, titleStyle: style.patched(with: titleStyle), borderStyle: style.patched(with: borderStyle), fill: style
        ).render(into: &buffer, area: box)
        let text = Rect(x: inner.x + padding, y: inner.y, width: max(0, inner.width - 2 * padding), height: inner.height)
        guard !text.isEmpty else { return text }
        TextView(lines: lines.map { $0.over(style) }, wrap: true).render(into: &buffer, area: text)
        return text
    }
}
