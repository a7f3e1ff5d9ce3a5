import Testing
@testable import CygniTerminal

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("", 0), ("中文", 4), ("한국어", 6), ("ＡＢ", 4), ("ｱｲ", 2),
        ("e\u{301}", 1), ("e\u{301}\u{302}\u{303}", 1), ("\u{301}", 0),
        ("👍", 2), ("👍🏽", 2), ("❤️", 2), ("☺︎", 1), ("1️⃣", 2),
        ("👨‍👩‍👧‍👦", 2), ("🏳️‍🌈", 2), ("🇯🇵", 2), ("🇯🇵🇫🇷", 4),
        ("\u{200D}", 0), ("\u{200B}", 0), ("a\u{200D}b", 2),
        ("\t", 1), ("\u{1B}", 1), ("\u{9B}", 1), ("\u{202E}", 1), ("\u{0}", 1), ("\r\n", 1),
        ("中a👍e\u{301}", 6),
    ])
    func measuresAdversarialStrings(_ text: String, _ expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func controlsMeasureWhatTheBufferDraws() {
        // Unsanitized text must not be measured narrower than it is drawn, or it would spill.
        for text in ["a\tb", "x\u{1B}[2Jy", "\u{202E}evil", "a\u{0}\u{7F}b"] {
            var buffer = Buffer(width: 20, height: 1)
            let written = buffer.write(text, x: 0, y: 0)
            #expect(written == DisplayWidth.of(text), "\(text.debugDescription)")
        }
    }

    @Test func truncateEndsWithEllipsisAndNeverHalvesAGlyph() {
        #expect(DisplayWidth.truncate("hello world", to: 5) == "hell…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abc", to: -3) == "")
        #expect(DisplayWidth.truncate("中文字", to: 5) == "中文…")
        #expect(DisplayWidth.truncate("中文字", to: 4) == "中…")
        #expect(DisplayWidth.truncate("中文字", to: 1) == "…")
        #expect(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}x", to: 3) == "e\u{301}e\u{301}…")
        #expect(DisplayWidth.truncate("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", to: 3) == "👨‍👩‍👧‍👦…")
    }

    @Test func fitPadsToExactWidth() {
        #expect(DisplayWidth.fit("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.fit("ab", to: 4, alignment: .right) == "  ab")
        #expect(DisplayWidth.fit("ab", to: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.fit("中文字", to: 5) == "中文…")
        #expect(DisplayWidth.fit("中文字", to: 4) == "中… ")
        for width in 0...8 {
            #expect(DisplayWidth.of(DisplayWidth.fit("中a文b字", to: width)) == width)
        }
    }

    @Test func wrapBreaksAtSpacesAndKeepsIndentation() {
        #expect(DisplayWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(DisplayWidth.wrap("  indented text", width: 10) == ["  indented", "text"])
        #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayWidth.wrap("abcde ", width: 5) == ["abcde"])
        #expect(DisplayWidth.wrap("a  b", width: 3) == ["a", "b"])
        #expect(DisplayWidth.wrap("", width: 5) == [""])
        #expect(DisplayWidth.wrap("abc", width: 0) == [])
    }

    @Test func wrapGivesAGlyphWiderThanTheLineARowOfItsOwn() {
        // Before the fix this produced an empty first row and a row wider than the width.
        #expect(DisplayWidth.wrap("中文字", width: 1) == ["中", "文", "字"])
        #expect(DisplayWidth.wrap("中文字", width: 3) == ["中", "文", "字"])
        #expect(DisplayWidth.wrap("a中", width: 2) == ["a", "中"])
    }

    @Test func wrappedLinesNeverExceedTheWidthAndCountsAgree() {
        let samples = ["x 中 y 文 z", "👨‍👩‍👧‍👦 🇯🇵 e\u{301}e\u{301}", "   a  b   c   ", "supercalifragilistic expialidocious"]
        for width in 2...12 {
            for sample in samples {
                let rows = DisplayWidth.wrap(sample, width: width)
                #expect(rows.allSatisfy { DisplayWidth.of($0) <= width }, "\(sample) at \(width): \(rows)")
                #expect(DisplayWidth.wrappedLineCount(sample, width: width) == rows.count)
                #expect(rows.joined().filter { $0 != " " } == sample.filter { $0 != " " })
            }
        }
    }
}
