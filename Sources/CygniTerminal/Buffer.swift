/// One terminal cell: the grapheme drawn there and its style. A wide grapheme occupies its cell
/// and the next; the next holds an empty symbol and is skipped when drawing.
public struct Cell: Equatable, Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()

    /// True for the second half of a wide grapheme.
    public var isContinuation: Bool { symbol.isEmpty }
}

/// The whole frame as cells. Views draw into it; a backend writes it to the terminal (only the
/// cells that changed) or prints it as text.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from column `x` of row `y`, never past `maxWidth` columns nor the buffer's
    /// edge; returns the number of columns written. Characters that are controls (which the
    /// sanitizer should already have removed) are drawn as U+FFFD so nothing raw reaches the
    /// terminal. A wide grapheme that would be cut in half is replaced by a space.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int = .max, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + max(0, maxWidth))
        var column = x
        for character in text {
            if column >= limit { break }
            var symbol = String(character)
            var columns = DisplayWidth.of(character)
            if columns == 0 {
                if Sanitizer.isUnsafe(character) {
                    symbol = "\u{FFFD}"
                    columns = 1
                } else {
                    // A combining mark on its own joins the previous cell's grapheme.
                    if column > x, column - 1 < width {
                        var previous = column - 1
                        while previous > x, self[previous, y].isContinuation { previous -= 1 }
                        self[previous, y].symbol.append(character)
                    }
                    continue
                }
            }
            if column < 0 {
                column += columns
                continue
            }
            if column + columns > limit {
                // Half a wide glyph cannot be drawn; pad the remaining column instead.
                put(Cell(symbol: " ", style: style), at: column, y)
                column += 1
                break
            }
            put(Cell(symbol: symbol, style: style), at: column, y)
            if columns == 2 { put(Cell(symbol: "", style: style), at: column + 1, y) }
            column += columns
        }
        return column - x
    }

    /// Writes text cut to `width` columns with an ellipsis when it does not fit.
    @discardableResult
    public mutating func write(truncating text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
        write(DisplayWidth.truncate(text, to: width), x: x, y: y, maxWidth: width, style: style)
    }

    /// Fills a rectangle with one symbol and style.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style = .plain) {
        let clipped = rect.intersection(area)
        for row in clipped.y..<clipped.bottom {
            for column in clipped.x..<clipped.right {
                cells[row * width + column] = Cell(symbol: symbol, style: style)
            }
        }
    }

    /// Lays `style` over every cell of a rectangle, keeping the symbols.
    public mutating func apply(_ style: Style, to rect: Rect) {
        let clipped = rect.intersection(area)
        for row in clipped.y..<clipped.bottom {
            for column in clipped.x..<clipped.right {
                cells[row * width + column].style = cells[row * width + column].style.patched(with: style)
            }
        }
    }

    /// Replaces every cell's style (used to draw a selection bar or a modal shadow).
    public mutating func restyle(_ rect: Rect, with style: Style) {
        let clipped = rect.intersection(area)
        for row in clipped.y..<clipped.bottom {
            for column in clipped.x..<clipped.right {
                cells[row * width + column].style = style
            }
        }
    }

    /// One row as plain text, continuation cells skipped.
    public func text(row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        var line = ""
        for column in 0..<width {
            line += cells[row * width + column].symbol
        }
        return line
    }

    /// The frame as lines of plain text, trailing spaces trimmed: what a person would see.
    public var lines: [String] {
        (0..<height).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var plainText: String { lines.joined(separator: "\n") }

    /// Places a cell, clearing the other half of any wide grapheme it overwrites.
    private mutating func put(_ cell: Cell, at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1].symbol = " "
        }
        if x + 1 < width, cells[index + 1].isContinuation, cells[index].symbol.first.map(DisplayWidth.of) == 2 {
            cells[index + 1].symbol = " "
        }
        cells[index] = cell
    }
}
