/// How many terminal columns text takes. Computed from Unicode properties and a table of
/// East Asian wide ranges rather than the C library's `wcwidth`, so the answer does not depend
/// on the process locale (headless snapshots must be identical everywhere).
public enum DisplayWidth {
    /// Columns of one grapheme as `Buffer.write` draws it: 2 for wide (CJK, emoji), 0 for marks
    /// and invisible format characters, else 1. A control character (tab, ESC, C1, bidi
    /// override) counts 1 because the buffer draws it as U+FFFD; measuring it as 0 would let
    /// unsanitized text overflow the width it was measured for.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII, or an ASCII control (even "\r\n", one Character) drawn as U+FFFD.
        if character.isASCII { return 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { Sanitizer.isUnsafe($0) }) { return 1 }
        if scalars.count > 1 {
            // An emoji sequence (ZWJ, flag, VS16 or skin tone) is drawn as one wide glyph. A ZWJ
            // between letters of other scripts (Devanagari, Arabic) does not make them wide.
            let isEmojiSequence = scalars.contains(where: { $0.value == 0xFE0F })
                || (scalars.contains(where: { $0.value == 0x200D }) && first.properties.isEmoji)
            if isEmojiSequence
                || ((0x1F1E6...0x1F1FF).contains(first.value) && scalars.count == 2)
                || first.properties.isEmojiPresentation {
                return 2
            }
        }
        return of(first)
    }

    /// Columns of a single scalar as the terminal would advance for it: 0 for controls. Use
    /// `of(_: Character)` to measure what `Buffer.write` draws.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        // The symbols every frame is drawn with (punctuation, arrows, box drawing, blocks,
        // geometric shapes up to the wide U+25FD) are narrow: skip the property lookups.
        if (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
            || (0x2190...0x21FF).contains(value) || (0x2500...0x25FC).contains(value) {
            return 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B { return 0 }  // Hangul medial jamo, ZWSP
        if scalar.properties.isEmojiPresentation || isWide(value) { return 2 }
        return 1
    }

    /// Columns of a whole string.
    public static func of(_ text: String) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns; when text had to be cut, the
    /// last column holds `ellipsis` so the reader can tell something is missing.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let room = max(0, width - ellipsisWidth)
        var result = ""
        var used = 0
        for character in text {
            let columns = of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// Pads with spaces (or cuts with an ellipsis) to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let cut = truncate(text, to: width)
        let gap = max(0, width - of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Splits text into lines of at most `width` columns, breaking at spaces where it can and
    /// inside words only when a word is longer than a line. Leading indentation is kept; the
    /// spaces at a break are dropped. Empty text is one empty line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let characters = Array(text)
        var breaker = LineBreaker(width: width)
        for character in characters { breaker.append(columns: of(character), isSpace: character == " ") }
        return breaker.finish().map { String(characters[$0]) }
    }

    /// How many lines `wrap` would return, without building them.
    public static func wrappedLineCount(_ text: String, width: Int) -> Int {
        guard width > 0 else { return 0 }
        var breaker = LineBreaker(width: width)
        for character in text { breaker.append(columns: of(character), isSpace: character == " ") }
        return breaker.finishCount()
    }

    private static func isWide(_ value: UInt32) -> Bool {
        // Binary search over the sorted East Asian Wide / Fullwidth ranges.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    // East Asian Width W and F (Unicode 15), merged where adjacent; emoji are handled by
    // the isEmojiPresentation property instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F64F,
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}

public enum Alignment: Sendable, Equatable {
    case left, right, center
}

/// Greedy word wrapping over a stream of graphemes, told only each one's width and whether it
/// is a space; it answers with rows as index ranges into that stream. `DisplayWidth.wrap` and
/// the text view share it so that row counts and drawn rows can never disagree.
struct LineBreaker {
    let width: Int
    /// Widths of the graphemes not yet placed on a finished row; a space is stored as -1.
    private var pending: [Int8] = []
    private var rows: [Range<Int>] = []
    private var rowCount = 0
    private var keepsRows: Bool

    init(width: Int, keepsRows: Bool = true) {
        self.width = max(1, width)
        self.keepsRows = keepsRows
    }

    /// Starts a new text, keeping the storage (counting 100k lines allocates once).
    mutating func reset(keepsRows: Bool) {
        pending.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        rowCount = 0
        self.keepsRows = keepsRows
    }

    mutating func append(columns: Int, isSpace: Bool) {
        pending.append(isSpace ? -1 : Int8(clamping: columns))
    }

    mutating func finish() -> [Range<Int>] {
        keepsRows = true
        layOut()
        return rows
    }

    mutating func finishCount() -> Int {
        layOut()
        return rowCount
    }

    private mutating func emit(_ range: Range<Int>) {
        rowCount += 1
        if keepsRows { rows.append(range) }
    }

    private func isSpace(_ index: Int) -> Bool { pending[index] < 0 }
    private func columns(_ index: Int) -> Int { pending[index] < 0 ? 1 : Int(pending[index]) }

    /// The end of a row once its trailing spaces are dropped.
    private func trimmed(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, isSpace(end - 1) { end -= 1 }
        return end
    }

    private mutating func layOut() {
        let count = pending.count
        var start = 0  // first grapheme of the current row
        var used = 0  // columns taken on the current row
        var hasWord = false  // the row holds more than indentation
        var index = 0
        while index < count {
            if isSpace(index) {
                if used + 1 <= width {
                    used += 1
                    index += 1
                    continue
                }
                // The space overflows: end the row here and skip the run of spaces.
                emit(start..<trimmed(start, index))
                while index < count, isSpace(index) { index += 1 }
                start = index
                used = 0
                hasWord = false
                continue
            }
            var end = index
            var wordColumns = 0
            while end < count, !isSpace(end) {
                wordColumns += columns(end)
                end += 1
            }
            if used + wordColumns <= width {
                used += wordColumns
                hasWord = true
                index = end
                continue
            }
            if hasWord {
                emit(start..<trimmed(start, index))
                start = index
                used = 0
                hasWord = false
                if wordColumns <= width {
                    used = wordColumns
                    hasWord = true
                    index = end
                    continue
                }
            }
            // A word longer than a row is cut across rows; a grapheme wider than the row gets one
            // to itself (the buffer draws it as a blank) so the loop always moves on.
            while index < end {
                let next = columns(index)
                if used + next > width, used > 0 {
                    emit(start..<index)
                    start = index
                    used = 0
                }
                used += next
                index += 1
            }
            hasWord = true
        }
        // Text that ended in a break leaves nothing for another row; empty text is one row.
        if start < count || rowCount == 0 { emit(start..<count) }
    }
}

/// The row count `LineBreaker` gives for ASCII text, in one pass with no storage: every byte is
/// one column (a control is drawn as U+FFFD), so a long word's cuts are plain arithmetic. This
/// is what keeps counting the wrapped rows of 100,000 log lines cheap.
struct ASCIIRowCounter {
    let width: Int
    private var rows = 0
    private var used = 0
    private var hasWord = false
    private var wordLength = 0
    /// The current row holds something that will need a row of its own at the end.
    private var hasContent = false
    /// After a row ended on an overflowing space, the rest of that run of spaces is dropped.
    private var skippingSpaces = false

    init(width: Int) {
        self.width = max(1, width)
    }

    mutating func feed(_ byte: UInt8) {
        if byte != 0x20 {
            skippingSpaces = false
            wordLength += 1
            return
        }
        placeWord()
        if skippingSpaces { return }
        if used + 1 <= width {
            used += 1
            hasContent = true
            return
        }
        rows += 1
        used = 0
        hasWord = false
        hasContent = false
        skippingSpaces = true
    }

    mutating func finish() -> Int {
        placeWord()
        return rows + (hasContent || rows == 0 ? 1 : 0)
    }

    private mutating func placeWord() {
        guard wordLength > 0 else { return }
        let length = wordLength
        wordLength = 0
        hasContent = true
        if used + length <= width {
            used += length
            hasWord = true
            return
        }
        if hasWord {
            rows += 1
            used = 0
            if length <= width {
                used = length
                return
            }
        }
        hasWord = true
        let room = width - used
        if length <= room {
            used += length
            return
        }
        let rest = length - room
        rows += 1 + (rest - 1) / width
        used = (rest - 1) % width + 1
    }
}
