/// The characters a border is drawn with.
public enum BorderSet: Sendable {
    case rounded, plain, thick, double, ascii

    struct Glyphs {
        let topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    }

    var glyphs: Glyphs {
        switch self {
        case .rounded: return Glyphs(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│")
        case .plain: return Glyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
        case .thick: return Glyphs(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃")
        case .double: return Glyphs(topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝", horizontal: "═", vertical: "║")
        case .ascii: return Glyphs(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|")
        }
    }
}

/// A bordered frame around a pane, with a title on the top border and an optional second title
/// (an age, a count) at its right end.
public struct Block: Sendable {
    public var title: String
    public var titleStyle: Style
    public var borderStyle: Style
    public var rightTitle: String?
    public var rightTitleStyle: Style
    public var borders: BorderSet
    public var fill: Style?
    /// Cut the right title to the room left rather than drop it: for text that must be seen
    /// (an error), where a hint may go.
    public var cutsRightTitle = false

    public init(
        title: String = "", titleStyle: Style = .plain, borderStyle: Style = .plain, rightTitle: String? = nil,
        rightTitleStyle: Style = .plain, borders: BorderSet = .rounded, fill: Style? = nil
    ) {
        self.title = title
        self.titleStyle = titleStyle
        self.borderStyle = borderStyle
        self.rightTitle = rightTitle
        self.rightTitleStyle = rightTitleStyle
        self.borders = borders
        self.fill = fill
    }

    /// Draws the frame and returns the area inside it. An area under 2x2 has no inside: nothing
    /// is drawn and the returned rectangle is empty.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        let area = area.intersection(buffer.area)
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        if let fill { buffer.fill(area, style: fill) }
        let glyphs = borders.glyphs
        let top = area.y
        let bottom = area.bottom - 1
        let horizontalRun = String(repeating: glyphs.horizontal, count: area.width - 2)
        buffer.write(glyphs.topLeft + horizontalRun + glyphs.topRight, x: area.x, y: top, maxWidth: area.width, style: borderStyle)
        buffer.write(glyphs.bottomLeft + horizontalRun + glyphs.bottomRight, x: area.x, y: bottom, maxWidth: area.width, style: borderStyle)
        for row in (top + 1)..<bottom {
            buffer.write(glyphs.vertical, x: area.x, y: row, maxWidth: 1, style: borderStyle)
            buffer.write(glyphs.vertical, x: area.right - 1, y: row, maxWidth: 1, style: borderStyle)
        }
        drawTitles(into: &buffer, x: area.x + 1, y: top, width: area.width - 2)
        return Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
    }

    /// Titles sit on the top border with a space either side; the left one wins when both do
    /// not fit, and the right one is dropped rather than cut, unless `cutsRightTitle`.
    private func drawTitles(into buffer: inout Buffer, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        var leftEnd = x
        if !title.isEmpty {
            if width >= 3 {
                buffer.write(" ", x: x, y: y, maxWidth: 1, style: titleStyle)
                let written = buffer.write(truncating: title, x: x + 1, y: y, width: width - 2, style: titleStyle)
                buffer.write(" ", x: x + 1 + written, y: y, maxWidth: 1, style: titleStyle)
                leftEnd = x + written + 2
            } else {
                leftEnd = x + buffer.write(truncating: title, x: x, y: y, width: width, style: titleStyle)
            }
        }
        guard let rightTitle, !rightTitle.isEmpty else { return }
        var rightWidth = DisplayWidth.of(rightTitle) + 2
        // Keep at least one border cell between the two titles so they read as two.
        let gap = title.isEmpty ? 0 : 1
        let room = x + width - (leftEnd + gap)
        if cutsRightTitle && rightWidth > room && room >= 6 { rightWidth = room }
        let start = x + width - rightWidth
        guard start >= leftEnd + gap else { return }
        buffer.write(" ", x: start, y: y, maxWidth: 1, style: rightTitleStyle)
        buffer.write(truncating: rightTitle, x: start + 1, y: y, width: rightWidth - 2, style: rightTitleStyle)
        buffer.write(" ", x: start + rightWidth - 1, y: y, maxWidth: 1, style: rightTitleStyle)
    }
}
