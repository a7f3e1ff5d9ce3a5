/// A run of text in one style.
public struct StyledSpan: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of text made of spans in different styles.
public struct StyledLine: Hashable, Sendable {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan]) {
        self.spans = spans
    }

    public init(_ text: String, _ style: Style = .plain) {
        spans = [StyledSpan(text, style)]
    }

    /// Columns the line takes when drawn.
    public var width: Int {
        spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    /// The text without styles.
    public var plain: String {
        spans.map(\.text).joined()
    }

    /// True when the line is at most `columns` wide. Stops counting as soon as it knows, so a
    /// 10,000-character log line costs no more than the columns on screen.
    func fits(in columns: Int) -> Bool {
        // A grapheme is never wider than its UTF-8 length (ASCII: 1 and 1; others: at most 2
        // columns for at least 2 bytes), so a short byte count settles it without measuring.
        var bytes = 0
        for span in spans { bytes += span.text.utf8.count }
        if bytes <= columns { return true }
        var used = 0
        for span in spans {
            if span.text.utf8.allSatisfy({ $0 < 0x80 }) {
                used += span.text.utf8.count  // a column per byte, as Buffer.write draws it
                if used > columns { return false }
                continue
            }
            for character in span.text {
                used += DisplayWidth.of(character)
                if used > columns { return false }
            }
        }
        return true
    }

    /// This line with every span's style laid over `base` (text on a coloured pane keeps the
    /// pane's background unless a span sets its own).
    func over(_ base: Style) -> StyledLine {
        guard base != .plain else { return self }
        return StyledLine(spans.map { StyledSpan($0.text, base.patched(with: $0.style)) })
    }
}

extension Buffer {
    /// Writes a styled line from column `x` of row `y` in at most `width` columns; a line that
    /// does not fit is cut and ends in an ellipsis. Returns the columns written.
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, width: Int) -> Int {
        guard width > 0, y >= 0, y < height else { return 0 }
        if line.fits(in: width) {
            var column = 0
            for span in line.spans where column < width {
                column += write(span.text, x: x + column, y: y, maxWidth: width - column, style: span.style)
            }
            return column
        }
        // Leave the last column for the ellipsis, drawn in the style of the span that was cut.
        let room = width - 1
        var column = 0
        var ellipsisStyle = line.spans.last?.style ?? .plain
        for span in line.spans {
            if span.text.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII: a column per byte, so the part that fits is a byte prefix.
                let fitting = min(span.text.utf8.count, room - column)
                let isCut = fitting < span.text.utf8.count
                let prefix = isCut ? String(decoding: span.text.utf8.prefix(fitting), as: UTF8.self) : span.text
                column += write(prefix, x: x + column, y: y, maxWidth: room - column, style: span.style)
                if isCut {
                    ellipsisStyle = span.style
                    break
                }
                continue
            }
            var end = span.text.startIndex
            var used = 0
            var isCut = false
            for index in span.text.indices {
                let columns = DisplayWidth.of(span.text[index])
                if column + used + columns > room {
                    isCut = true
                    break
                }
                used += columns
                end = span.text.index(after: index)
            }
            column += write(String(span.text[..<end]), x: x + column, y: y, maxWidth: room - column, style: span.style)
            if isCut {
                ellipsisStyle = span.style
                break
            }
        }
        column += write("…", x: x + column, y: y, maxWidth: width - column, style: ellipsisStyle)
        return column
    }
}

/// Graphemes of a styled line laid out flat, each with its style and width: the form the text
/// view wraps, highlights and scrolls sideways. Built only for lines on screen.
struct Glyphs {
    var characters: [Character] = []
    var styles: [Style] = []
    var columns: [Int] = []

    var count: Int { characters.count }

    /// The graphemes of `line`, stopping once `columnLimit` columns are collected. ASCII spans
    /// are split byte by byte, exactly as `TextView.rowCount` counts them.
    init(_ line: StyledLine, columnLimit: Int = .max) {
        var used = 0
        let ascii = Glyphs.ascii  // read the table once, not once per byte
        for span in line.spans {
            if used > columnLimit { break }
            if span.text.utf8.allSatisfy({ $0 < 0x80 }) {
                for byte in span.text.utf8 {
                    if used > columnLimit { break }
                    characters.append(ascii[Int(byte)])
                    styles.append(span.style)
                    columns.append(1)
                    used += 1
                }
            } else {
                for character in span.text {
                    if used > columnLimit { break }
                    let width = DisplayWidth.of(character)
                    characters.append(character)
                    styles.append(span.style)
                    columns.append(width)
                    used += width
                }
            }
        }
    }

    /// Lays `style` over the graphemes matching `needle`, ignoring case, across span boundaries.
    mutating func highlight(_ needle: String, with style: Style, upTo limit: Int) {
        let pattern = needle.map(Glyphs.folded)
        guard !pattern.isEmpty, pattern.count <= characters.count else { return }
        let end = min(characters.count, limit + pattern.count)
        let folded = characters[0..<end].map(Glyphs.folded)
        var start = 0
        while start + pattern.count <= folded.count {
            var matches = true
            for offset in 0..<pattern.count where folded[start + offset] != pattern[offset] {
                matches = false
                break
            }
            if matches {
                for index in start..<(start + pattern.count) { styles[index] = styles[index].patched(with: style) }
                start += pattern.count
            } else {
                start += 1
            }
        }
    }

    private static let ascii: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
    private static let asciiLowercase: [Character] = (0..<128).map { byte in
        Character(Unicode.Scalar(UInt8(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)))
    }

    /// A grapheme in lower case when that is still one grapheme.
    private static func folded(_ character: Character) -> Character {
        if character.utf8.count == 1, let byte = character.utf8.first {
            return asciiLowercase[Int(byte)]
        }
        let lowered = character.lowercased()
        return lowered.count == 1 ? Character(lowered) : character
    }

    /// Draws graphemes `range` from column `x` of row `y` in at most `width` columns, skipping
    /// the first `skip` columns; when more remains than fits, the last column is an ellipsis.
    func draw(_ range: Range<Int>, into buffer: inout Buffer, x: Int, y: Int, width: Int, skip: Int = 0) {
        guard width > 0 else { return }
        var total = 0
        for index in range { total += columns[index] }
        let isCut = total - skip > width
        let room = isCut ? width - 1 : width
        var column = -skip  // relative to x; negative while still skipping
        // A run of same-style graphemes is gathered as UTF-8 and written in one call.
        var run: [UInt8] = []
        run.reserveCapacity(4 * width)
        var runStyle = Style.plain
        var runStart = 0
        var lastStyle = range.isEmpty ? Style.plain : styles[range.lowerBound]
        func flush(_ buffer: inout Buffer) {
            if !run.isEmpty {
                buffer.write(String(decoding: run, as: UTF8.self), x: x + runStart, y: y, maxWidth: room - runStart, style: runStyle)
            }
            run.removeAll(keepingCapacity: true)
        }
        for index in range {
            let width = columns[index]
            if column < 0 {
                // A wide grapheme cut by the left edge shows as a blank for its visible half.
                if column + width > 0 { buffer.write(" ", x: x, y: y, maxWidth: 1, style: styles[index]) }
                column += width
                continue
            }
            if column + width > room { break }
            if run.isEmpty || styles[index] != runStyle {
                flush(&buffer)
                runStyle = styles[index]
                runStart = column
            }
            run.append(contentsOf: characters[index].utf8)
            lastStyle = styles[index]
            column += width
        }
        flush(&buffer)
        if isCut {
            buffer.write("…", x: x + max(0, column), y: y, maxWidth: width - max(0, column), style: lastStyle)
        }
    }
}
