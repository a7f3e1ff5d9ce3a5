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
            // Even a cell placed by hand must not carry a control to the terminal.
            var cell = newValue
            if Sanitizer.containsUnsafe(cell.symbol) { cell.symbol = Buffer.replacement }
            cells[y * width + x] = cell
        }
    }

    /// What a control character is drawn as, so nothing raw reaches the terminal.
    static let replacement = "\u{FFFD}"

    /// Writes `text` from column `x` of row `y`, never past `maxWidth` columns nor the buffer's
    /// edge; returns the number of columns advanced. Characters that are controls (which the
    /// sanitizer should already have removed) are drawn as U+FFFD so nothing raw reaches the
    /// terminal. A wide grapheme that would be cut in half is replaced by a space.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int = .max, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
        // `x + maxWidth` overflows for the default `.max`; saturate instead of trapping.
        let (end, overflowed) = x.addingReportingOverflow(maxWidth)
        let limit = overflowed ? width : min(width, end)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return writeASCII(text, x: x, y: y, limit: limit, style: style)
        }
        var column = x
        for character in text {
            if column >= limit { break }
            var symbol = String(character)
            let columns = DisplayWidth.of(character)
            if Sanitizer.isUnsafe(character) {
                symbol = Buffer.replacement
            } else if columns == 0 {
                // A combining mark on its own joins the previous cell's grapheme.
                if column > x, column > 0 {
                    var previous = column - 1
                    while previous > max(x, 0), self[previous, y].isContinuation { previous -= 1 }
                    cells[y * width + previous].symbol.append(character)
                }
                continue
            }
            if column < 0 {
                // A wide glyph straddling the left edge: blank the half that is on screen.
                if column + columns > 0 { put(Cell(symbol: " ", style: style), at: 0, y) }
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

    /// The same as the general loop for text that is all ASCII, a byte per column, without
    /// grapheme breaking: log lines are mostly ASCII and a full screen of them is 12,000 cells.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, limit: Int, style: Style) -> Int {
        var column = x
        var previous: UInt8 = 0
        let symbols = Buffer.asciiSymbols  // read the table once, not once per byte
        for byte in text.utf8 {
            if column >= limit { break }
            defer { previous = byte }
            // CR LF is one grapheme, drawn as one replacement character like any control.
            if byte == 0x0A, previous == 0x0D { continue }
            if column >= 0 {
                put(Cell(symbol: symbols[Int(byte)], style: style), at: column, y)
            }
            column += 1
        }
        return column - x
    }

    /// Cell symbols for the 128 ASCII bytes; controls are drawn as U+FFFD.
    private static let asciiSymbols: [String] = (0..<128).map { byte in
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(UInt8(byte))) : replacement
    }

    /// Writes text cut to `width` columns with an ellipsis when it does not fit.
    @discardableResult
    public mutating func write(truncating text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
        write(DisplayWidth.truncate(text, to: width), x: x, y: y, maxWidth: width, style: style)
    }

    /// Fills a rectangle with one symbol and style.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style = .plain) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        // A cell claims exactly one column, so a wide, empty or unsafe symbol would shift the row.
        let symbol = symbol.count == 1 && DisplayWidth.of(symbol) == 1 && !Sanitizer.containsUnsafe(symbol)
            ? symbol : Buffer.replacement
        for row in clipped.y..<clipped.bottom {
            // Wide glyphs cut by the rectangle's edges lose their other half; blank them.
            if clipped.x > 0, cells[row * width + clipped.x].isContinuation {
                cells[row * width + clipped.x - 1].symbol = " "
            }
            if clipped.right < width, cells[row * width + clipped.right].isContinuation {
                cells[row * width + clipped.right].symbol = " "
            }
        }
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
        // A continuation always follows its wide head, so the head is the cell being replaced.
        if x + 1 < width, cells[index + 1].isContinuation, !cells[index].isContinuation {
            cells[index + 1].symbol = " "
        }
        cells[index] = cell
    }
}
