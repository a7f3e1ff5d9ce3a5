/// The one-row bar at the bottom: context and messages at the left, secondary facts at the
/// right. The left side has priority; the right is cut, then dropped, when room runs out.
public struct StatusLine: Sendable {
    public var left: [StyledSpan]
    public var right: [StyledSpan]
    public var style: Style

    public init(left: [StyledSpan], right: [StyledSpan] = [], style: Style = .plain) {
        self.left = left
        self.right = right
        self.style = style
    }

    /// Below this many columns a cut right side says nothing useful; it is dropped instead.
    static let minimumRightWidth = 4

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let y = area.y
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        let leftLine = StyledLine(left).over(style)
        let rightLine = StyledLine(right).over(style)
        let leftWidth = buffer.write(leftLine, x: area.x, y: y, width: area.width)
        guard !right.isEmpty else { return }
        let room = area.width - leftWidth - (leftWidth > 0 ? 1 : 0)
        let rightWidth = rightLine.width
        if rightWidth <= room {
            buffer.write(rightLine, x: area.right - rightWidth, y: y, width: rightWidth)
        } else if room >= StatusLine.minimumRightWidth {
            buffer.write(rightLine, x: area.right - room, y: y, width: room)
        }
    }
}
