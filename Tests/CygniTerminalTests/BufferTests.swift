import Testing
@testable import CygniTerminal

@Suite("Buffer")
struct BufferTests {
    @Test func writeAwayFromTheLeftEdgeWithDefaultWidth() {
        // `x + Int.max` used to overflow and trap for every write at x > 0 without maxWidth.
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("abc", x: 3, y: 0) == 3)
        #expect(buffer.write("zzz", x: 5, y: 0) == 1)
        #expect(buffer.lines == ["   abz"])
    }

    @Test func extremeCoordinatesNeitherTrapNorWrite() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.write("abc", x: .min, y: 0) == 3)
        #expect(buffer.write("abc", x: .max, y: 0) == 0)
        #expect(buffer.write("abc", x: 1, y: 0, maxWidth: .max) == 3)
        #expect(buffer.write("abc", x: -1, y: 0, maxWidth: .min) == 0)
        #expect(buffer.lines == [" abc"])
    }

    @Test func clipsToMaxWidthAndBufferEdge() {
        var buffer = Buffer(width: 5, height: 2)
        #expect(buffer.write("abcdef", x: 1, y: 0, maxWidth: 2) == 2)
        #expect(buffer.write("abcdef", x: 3, y: 1) == 2)
        #expect(buffer.write("abc", x: 0, y: 2) == 0)
        #expect(buffer.write("abc", x: 0, y: -1) == 0)
        #expect(buffer.write("abc", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(buffer.write("abc", x: 9, y: 0) == 0)
        #expect(buffer.lines == [" ab", "   ab"])
    }

    @Test func narrowOverTheSecondHalfOfAWideGlyph() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("中", x: 0, y: 0)
        buffer.write("a", x: 1, y: 0)
        #expect(buffer.lines == [" a"])
        #expect(!buffer[1, 0].isContinuation)
    }

    @Test func narrowOverTheFirstHalfOfAWideGlyph() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("中", x: 0, y: 0)
        buffer.write("a", x: 0, y: 0)
        #expect(buffer.lines == ["a"])
        #expect(buffer[1, 0].symbol == " ")
    }

    @Test func wideOverTwoHalvesOfTwoWideGlyphs() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("文字", x: 0, y: 0)
        buffer.write("中", x: 1, y: 0)
        #expect(buffer.text(row: 0) == " 中 ")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].symbol == " ")
    }

    @Test func wideOverWideAtTheSamePlace() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("文字", x: 0, y: 0)
        buffer.write("中", x: 0, y: 0)
        #expect(buffer.text(row: 0) == "中字")
    }

    @Test func wideGlyphThatDoesNotFitBecomesASpace() {
        var buffer = Buffer(width: 3, height: 1, fill: Cell(symbol: "x"))
        #expect(buffer.write("ab中", x: 0, y: 0) == 3)
        #expect(buffer.text(row: 0) == "ab ")
        var limited = Buffer(width: 5, height: 1, fill: Cell(symbol: "x"))
        limited.write("a中", x: 0, y: 0, maxWidth: 2)
        #expect(limited.text(row: 0) == "a xxx")
    }

    @Test func wideGlyphCutByTheLeftEdge() {
        var buffer = Buffer(width: 4, height: 1, fill: Cell(symbol: "x"))
        #expect(buffer.write("中ab", x: -1, y: 0) == 4)
        #expect(buffer.text(row: 0) == " abx")
    }

    @Test func combiningMarksJoinTheirBase() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.write("e\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "x")
        // A mark with no base in this write is dropped, not drawn over the neighbour's cell.
        buffer.write("\u{301}", x: 2, y: 0)
        #expect(buffer[1, 0].symbol == "x")
    }

    @Test func controlsAreDrawnAsReplacementCharacters() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.write("a\u{1B}b\u{9B}\u{202E}c", x: 0, y: 0)
        #expect(buffer.lines == ["a\u{FFFD}b\u{FFFD}\u{FFFD}c"])
        buffer[7, 0] = Cell(symbol: "\u{1B}[2J")
        #expect(buffer[7, 0].symbol == "\u{FFFD}")
        #expect(buffer.cells.allSatisfy { !Sanitizer.containsUnsafe($0.symbol) })
    }

    @Test func truncatingWriteAddsEllipsis() {
        var buffer = Buffer(width: 8, height: 1)
        #expect(buffer.write(truncating: "hello world", x: 1, y: 0, width: 5) == 5)
        #expect(buffer.lines == [" hell…"])
    }

    @Test func fillClearsHalvesOfWideGlyphsItCuts() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("中文", x: 0, y: 0)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), symbol: "-")
        #expect(buffer.text(row: 0) == " -- ")
        #expect(buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func fillRejectsSymbolsThatAreNotOneColumn() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.fill(buffer.area, symbol: "中")
        #expect(buffer.text(row: 0) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        buffer.fill(buffer.area, symbol: "\u{1B}")
        #expect(buffer.text(row: 0) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        buffer.fill(buffer.area, symbol: "█")
        #expect(buffer.text(row: 0) == "███")
    }

    @Test func applyPatchesAndRestyleReplaces() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("abc", x: 0, y: 0, style: red)
        buffer.apply(Style(background: .blue, attributes: .bold), to: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(buffer[0, 0].style == Style(foreground: .red, background: .blue, attributes: .bold))
        #expect(buffer[2, 0].style == red)
        buffer.restyle(Rect(x: 1, y: 0, width: 9, height: 9), with: green)
        #expect(buffer[1, 0].style == green)
        #expect(buffer[1, 0].symbol == "b")
    }

    @Test func outOfRangeAccessIsHarmless() {
        var buffer = Buffer(width: 2, height: 2)
        buffer[5, 5] = Cell(symbol: "x")
        #expect(buffer[-1, 0] == .blank)
        buffer.fill(Rect(x: -3, y: -3, width: 2, height: 2), symbol: "x")
        #expect(buffer.lines == ["", ""])
        let empty = Buffer(width: -3, height: 0)
        #expect(empty.lines.isEmpty)
        #expect(empty.plainText == "")
    }
}
