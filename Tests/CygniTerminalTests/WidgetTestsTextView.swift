import Foundation
import Testing
@testable import CygniTerminal

@Suite("Text view")
struct TextViewTests {
    let lines = [StyledLine("alpha"), StyledLine("beta gamma"), StyledLine("delta")]

    func view(_ width: Int, _ height: Int, _ textView: TextView) -> [String] {
        frame(width, height) { textView.render(into: &$0, area: $0.area) }
    }

    @Test func scrollsByLinesAndCutsWithEllipsis() {
        #expect(view(6, 2, TextView(lines: lines)) == ["alpha", "beta …"])
        #expect(view(6, 2, TextView(lines: lines, scrollOffset: 1)) == ["beta …", "delta"])
        #expect(view(6, 2, TextView(lines: lines, scrollOffset: 99)) == ["beta …", "delta"])  // past the end: last page
        #expect(view(6, 5, TextView(lines: lines, scrollOffset: 2)) == ["alpha", "beta …", "delta", "", ""])
    }

    @Test func scrollsSideways() {
        #expect(view(4, 3, TextView(lines: lines, horizontalOffset: 2)) == ["pha", "ta …", "lta"])
        let wide = [StyledLine("中文字")]
        #expect(view(4, 1, TextView(lines: wide, horizontalOffset: 1)) == [" 文…"])  // half a glyph shows as blank
    }

    @Test func extremeOffsetsAreSafe() {
        #expect(view(6, 2, TextView(lines: lines, scrollOffset: .max, horizontalOffset: .max, highlight: "a")) == ["", ""])
        #expect(view(6, 2, TextView(lines: lines, scrollOffset: .min, horizontalOffset: .min)) == ["alpha", "beta …"])
        #expect(view(6, 2, TextView(lines: lines, wrap: true, scrollOffset: .min)) == ["alpha", "beta"])
        #expect(view(6, 2, TextView(lines: [], wrap: true)) == ["", ""])
    }

    @Test func wrapsAndScrollsByDisplayRows() {
        #expect(TextView.rowCount(of: lines, width: 6, wrap: true) == 4)
        #expect(TextView.rowCount(of: lines, width: 6, wrap: false) == 3)
        #expect(view(6, 4, TextView(lines: lines, wrap: true)) == ["alpha", "beta", "gamma", "delta"])
        #expect(view(6, 2, TextView(lines: lines, wrap: true, scrollOffset: 1)) == ["beta", "gamma"])
        #expect(view(6, 2, TextView(lines: lines, wrap: true, scrollOffset: 2)) == ["gamma", "delta"])
        #expect(view(6, 2, TextView(lines: lines, wrap: true, scrollOffset: .max)) == ["gamma", "delta"])
        #expect(view(6, 6, TextView(lines: lines, wrap: true, scrollOffset: 3)) == ["alpha", "beta", "gamma", "delta", "", ""])
    }

    @Test func wrapKeepsSpanStylesAndIndentation() {
        var buffer = Buffer(width: 5, height: 3)
        let line = StyledLine([StyledSpan("  ab", red), StyledSpan("cd efgh", blue)])
        TextView(lines: [line], wrap: true).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["  abc", "d", "efgh"])
        #expect(buffer[2, 0].style == red)
        #expect(buffer[4, 0].style == blue)
    }

    @Test func rowCountMatchesWrapForAdversarialText() {
        let samples = [
            "", " ", "a", "中文字中文字", "e\u{301}e\u{301} e\u{301}", "👨‍👩‍👧‍👦 🇯🇵 flag", "   indented words here",
            "word     spaces", "supercalifragilisticexpialidocious", "tab\there", "x 中 y 文 z",
        ]
        for width in 1...8 {
            for sample in samples {
                let line = StyledLine(sample)
                let counted = TextView.rowCount(of: [line], width: width, wrap: true)
                #expect(counted == DisplayWidth.wrap(sample, width: width).count, "\(sample) at \(width)")
                var buffer = Buffer(width: width, height: counted + 1)
                TextView(lines: [line], wrap: true).render(into: &buffer, area: buffer.area)
                #expect(buffer.lines.last == "", "\(sample) at \(width) drew past its row count")
            }
        }
    }

    @Test func asciiRowCountAgreesWithTheLineBreaker() {
        // The fast ASCII counter and the general breaker must never disagree, or scrolling
        // would jump: compare them over random text made of short and long words and runs of spaces.
        var generator = SplitMix(seed: 3)
        let pieces = [" ", "  ", "a", "ab", "abcdefghijklmno", "\u{1B}", "xyz ", "   "]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...10, using: &generator) { text += pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            let width = Int.random(in: 1...9, using: &generator)
            let split = StyledLine([StyledSpan(String(text.prefix(3)), red), StyledSpan(String(text.dropFirst(3)))])
            let counted = TextView.rowCount(of: [split], width: width, wrap: true)
            #expect(counted == DisplayWidth.wrap(text, width: width).count, "\(text.debugDescription) at \(width)")
        }
    }

    @Test func highlightsCaseInsensitivelyAcrossSpans() {
        var buffer = Buffer(width: 12, height: 1)
        let line = StyledLine([StyledSpan("err", red), StyledSpan("OR here")])
        TextView(lines: [line], highlight: "error").render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["errOR here"])
        #expect((0..<5).allSatisfy { buffer[$0, 0].style.attributes.contains(.reverse) })
        #expect(buffer[0, 0].style.foreground == .red)
        #expect(!buffer[5, 0].style.attributes.contains(.reverse))
        var wrapped = Buffer(width: 4, height: 3)
        TextView(lines: [StyledLine("an Error here")], wrap: true, highlight: "ERROR").render(into: &wrapped, area: wrapped.area)
        #expect(wrapped.lines == ["an", "Erro", "r"])
        #expect(wrapped[0, 2].style.attributes.contains(.reverse))
    }

    @Test func hundredThousandLinesRenderOnlyTheVisibleOnes() {
        let many = (0..<100_000).map { index in
            StyledLine([
                StyledSpan("2026-11-27T00:00:\(index % 60)Z ", blue),
                StyledSpan("INFO request \(index) served in 12ms by api-7f9c path=/v1/rollouts/\(index) " + String(repeating: "x", count: 200)),
            ])
        }
        let few = Array(many.prefix(1_000))
        var buffer = Buffer(width: 200, height: 60)
        let clock = ContinuousClock()
        // The best of a few runs each, as a ratio: a hundred times the lines must not cost a
        // hundred times the time, which is what touching every line would. The speed itself is
        // the console benchmark's (docs/performance.md); absolute times on a shared machine swing.
        func best(_ lines: [StyledLine], scrolledTo offset: Int) -> Duration {
            TextView(lines: lines, scrollOffset: offset).render(into: &buffer, area: buffer.area)
            return (0..<5).map { run in
                clock.measure { TextView(lines: lines, scrollOffset: offset + run, highlight: "served").render(into: &buffer, area: buffer.area) }
            }.min() ?? .zero
        }
        let small = best(few, scrolledTo: 900)
        let large = best(many, scrolledTo: 90_000)
        #expect(large < small * 10, "\(small) for 1,000 lines, \(large) for 100,000")
        #expect(buffer.lines[0].hasPrefix("2026-11-27T00:00:"))
        // Counting wrapped rows is linear: ten times the lines, about ten times the time (a
        // ratio, because absolute times on shared machines swing).
        let tenth = Array(many.prefix(10_000))
        let smallCount = clock.measure { _ = TextView.rowCount(of: tenth, width: 200, wrap: true) }
        let wrappedRows = clock.measure { _ = TextView.rowCount(of: many, width: 200, wrap: true) }
        #expect(wrappedRows < smallCount * 25, "\(smallCount) for 10k, \(wrappedRows) for 100k")
        #expect(TextView.rowCount(of: tenth, width: 200, wrap: true) == 20_000)
        print("TextView 100k lines, 200x60: \(best); wrapped row count: \(wrappedRows)")
    }
}
