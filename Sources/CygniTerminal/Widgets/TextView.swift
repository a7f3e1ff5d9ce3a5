/// Scrollable lines of text (logs, details), optionally wrapped, with every match of a search
/// term highlighted. Only the lines on screen are visited when wrapping is off, so 100,000
/// lines cost the same as 60.
public struct TextView: Sendable {
    public var lines: [StyledLine]
    public var wrap: Bool
    /// The first display row shown, counted after wrapping. Past the end shows the last page,
    /// so `Int.max` follows the tail.
    public var scrollOffset: Int
    /// Columns hidden at the left when wrapping is off.
    public var horizontalOffset: Int
    public var highlight: String?
    public var highlightStyle: Style

    public init(
        lines: [StyledLine], wrap: Bool = false, scrollOffset: Int = 0, horizontalOffset: Int = 0, highlight: String? = nil,
        highlightStyle: Style = Style(attributes: .reverse)
    ) {
        self.lines = lines
        self.wrap = wrap
        self.scrollOffset = scrollOffset
        self.horizontalOffset = horizontalOffset
        self.highlight = highlight
        self.highlightStyle = highlightStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !lines.isEmpty else { return }
        if wrap {
            renderWrapped(into: &buffer, area: area)
        } else {
            renderUnwrapped(into: &buffer, area: area)
        }
    }

    private var needle: String? {
        guard let highlight, !highlight.isEmpty else { return nil }
        return highlight
    }

    private func renderUnwrapped(into buffer: inout Buffer, area: Rect) {
        let first = min(max(0, scrollOffset), max(0, lines.count - area.height))
        let skip = max(0, horizontalOffset)
        // Collect a little past the right edge: enough to know whether an ellipsis is due and
        // to find a match that starts on screen and ends beyond it.
        let (reach, overflowed) = skip.addingReportingOverflow(area.width + 1 + (needle?.count ?? 0))
        let columnLimit = overflowed ? Int.max : reach
        for (row, index) in (first..<min(lines.count, first + area.height)).enumerated() {
            if needle == nil, skip == 0 {
                // Nothing to skip or mark: the line's spans go straight to the buffer.
                buffer.write(lines[index], x: area.x, y: area.y + row, width: area.width)
                continue
            }
            var glyphs = Glyphs(lines[index], columnLimit: columnLimit)
            if let needle { glyphs.highlight(needle, with: highlightStyle, upTo: glyphs.count) }
            glyphs.draw(0..<glyphs.count, into: &buffer, x: area.x, y: area.y + row, width: area.width, skip: skip)
        }
    }

    private func renderWrapped(into buffer: inout Buffer, area: Rect) {
        var breaker = LineBreaker(width: area.width, keepsRows: false)
        let (startLine, startRow) = firstVisible(height: area.height, width: area.width, breaker: &breaker)
        var y = area.y
        var rowInLine = startRow
        var index = startLine
        while y < area.bottom, index < lines.count {
            var glyphs = Glyphs(lines[index])
            if let needle { glyphs.highlight(needle, with: highlightStyle, upTo: glyphs.count) }
            breaker.reset(keepsRows: true)
            for position in 0..<glyphs.count {
                breaker.append(columns: glyphs.columns[position], isSpace: glyphs.characters[position] == " ")
            }
            let rows = breaker.finish()
            while rowInLine < rows.count, y < area.bottom {
                glyphs.draw(rows[rowInLine], into: &buffer, x: area.x, y: y, width: area.width)
                rowInLine += 1
                y += 1
            }
            rowInLine = 0
            index += 1
        }
    }

    /// The line and the row within it at the top of the view. Walks from the start (the
    /// wrapped height of the lines above is not known without measuring them), and from the
    /// end when the offset is past the last page.
    private func firstVisible(height: Int, width: Int, breaker: inout LineBreaker) -> (line: Int, row: Int) {
        let target = max(0, scrollOffset)
        var rowsAbove = 0
        for index in lines.indices {
            let rows = TextView.rows(of: lines[index], width: width, breaker: &breaker)
            if rowsAbove + rows > target {
                // Found it, unless the rows from here on cannot fill the view: then the last page.
                var below = rowsAbove + rows - target
                var next = index + 1
                while below < height, next < lines.count {
                    below += TextView.rows(of: lines[next], width: width, breaker: &breaker)
                    next += 1
                }
                if below >= height || target == 0 { return (index, target - rowsAbove) }
                return lastPage(height: height, width: width, breaker: &breaker)
            }
            rowsAbove += rows
        }
        return lastPage(height: height, width: width, breaker: &breaker)
    }

    private func lastPage(height: Int, width: Int, breaker: inout LineBreaker) -> (line: Int, row: Int) {
        var rowsBelow = 0
        for index in lines.indices.reversed() {
            rowsBelow += TextView.rows(of: lines[index], width: width, breaker: &breaker)
            if rowsBelow >= height { return (index, rowsBelow - height) }
        }
        return (0, 0)
    }

    /// Display rows the lines take in `width` columns: one per line unless wrapping.
    public static func rowCount(of lines: [StyledLine], width: Int, wrap: Bool) -> Int {
        guard wrap, width > 0 else { return lines.count }
        var breaker = LineBreaker(width: width, keepsRows: false)
        var total = 0
        for line in lines { total += rows(of: line, width: width, breaker: &breaker) }
        return total
    }

    /// Rows one line wraps to, measured the way `Glyphs` lays it out and without allocating:
    /// the breaker's storage is reused from line to line.
    static func rows(of line: StyledLine, width: Int, breaker: inout LineBreaker) -> Int {
        var bytes = 0
        for span in line.spans { bytes += span.text.utf8.count }
        if bytes <= width { return 1 }  // no grapheme is wider than its UTF-8 length
        if line.spans.allSatisfy({ $0.text.utf8.allSatisfy { $0 < 0x80 } }) {
            var counter = ASCIIRowCounter(width: width)
            for span in line.spans {
                var text = span.text
                text.withUTF8 { bytes in
                    for byte in bytes { counter.feed(byte) }
                }
            }
            return counter.finish()
        }
        breaker.reset(keepsRows: false)
        for span in line.spans {
            if span.text.utf8.allSatisfy({ $0 < 0x80 }) {
                for byte in span.text.utf8 { breaker.append(columns: 1, isSpace: byte == 0x20) }
            } else {
                for character in span.text {
                    breaker.append(columns: DisplayWidth.of(character), isSpace: character == " ")
                }
            }
        }
        return breaker.finishCount()
    }
}
