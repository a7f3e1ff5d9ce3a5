import Testing
@testable import CygniTerminal

@Suite("Sanitizer")
struct SanitizerTests {
    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "red"),                       // CSI colour
        ("\u{1B}[38;2;255;0;0mrgb\u{1B}[m", "rgb"),
        ("a\u{1B}[2J\u{1B}[10;20Hb", "ab"),                      // clear screen, cursor position
        ("a\u{1B}[Ab\u{1B}[5Dc", "abc"),                         // cursor up, back
        ("a\u{1B}[?1049lb", "ab"),                               // private mode: leave alt screen
        ("x\u{1B}]0;evil title\u{07}y", "xy"),                   // OSC 0 title, BEL
        ("x\u{1B}]0;evil title\u{1B}\\y", "xy"),                 // OSC 0 title, ST
        ("x\u{1B}]52;c;cm0gLXJmIH4=\u{07}y", "xy"),              // OSC 52 clipboard, BEL
        ("x\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\y", "xy"),            // OSC 52 clipboard, ST
        ("x\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\y", "xlinky"),  // OSC 8 hyperlink
        ("a\u{1B}P1$r0m\u{1B}\\b", "ab"),                        // DCS
        ("a\u{1B}_apc\u{1B}\\b\u{1B}^pm\u{1B}\\c\u{1B}Xsos\u{1B}\\d", "abcd"),
        ("a\u{9B}31mb", "ab"),                                   // 8-bit CSI
        ("a\u{9D}0;title\u{9C}b", "ab"),                         // 8-bit OSC with 8-bit ST
        ("a\u{90}dcs\u{9C}b", "ab"),                             // 8-bit DCS
        ("a\u{1B}cb", "ab"),                                     // RIS: full reset
        ("a\u{1B}(0b", "ab"),                                    // charset designation
        ("a\u{1B}7b\u{1B}8c", "abc"),                            // save / restore cursor
        ("abc\u{202E}fed", "abcfed"),                            // right-to-left override
        ("\u{2066}x\u{2069}\u{2067}y\u{2069}\u{2068}z\u{2069}", "xyz"),  // isolates
        ("a\u{202A}b\u{202B}c\u{202C}d\u{202D}e", "abcde"),
        ("a\u{200E}b\u{200F}c\u{61C}d", "abcd"),                 // marks
        ("a\u{85}b\u{8D}c\u{9F}", "abc"),                        // C1 controls (APC left open swallows nothing after)
        ("a\u{0}b\u{7}c\u{7F}d\u{8}e", "abcde"),                 // NUL, BEL, DEL, backspace
        ("a\rb", "ab"),
        ("a\tb\nc", "a b c"),
        ("\u{1B}[31中", "中"),                                    // malformed CSI keeps the text after it
        ("\u{1B}中", "中"),
        ("\u{1B}[", ""),
        ("\u{1B}", ""),
        ("\u{1B}]52;c;unterminated", ""),
    ])
    func removesSequencesEntirely(_ input: String, _ expected: String) {
        #expect(Sanitizer.clean(input) == expected, "\(input.debugDescription)")
    }

    @Test func legitimateUnicodeSurvives() {
        let text = "中文 한국어 👨‍👩‍👧‍👦 🇯🇵 🏳️‍🌈 e\u{301} العربية עברית café ñ ZWJ\u{200D}kept ₿ …"
        #expect(Sanitizer.clean(text) == text)
        #expect(Sanitizer.cleanLines(text) == [text])
    }

    @Test func cleanLinesSplitsAndExpandsTabs() {
        #expect(Sanitizer.cleanLines("a\tb\r\nc\n") == ["a    b", "c", ""])
        // An unterminated sequence stops at the end of its line instead of eating the rest.
        #expect(Sanitizer.cleanLines("a\u{1B}]0;title\nnext line") == ["a", "next line"])
        #expect(Sanitizer.cleanLines("a\u{9B}12\nb") == ["a", "b"])
        #expect(Sanitizer.cleanLines("at main()\n\u{1B}[1m    at run()\u{1B}[0m") == ["at main()", "    at run()"])
    }

    @Test func classifiesUnsafeCharacters() {
        for character: Character in ["\u{1B}", "\u{0}", "\u{7F}", "\u{85}", "\u{9B}", "\u{202E}", "\u{2066}", "\t", "\n", "\r\n"] {
            #expect(Sanitizer.isUnsafe(character), "\(character.debugDescription)")
        }
        for character: Character in ["a", "中", "👍", "e\u{301}", "\u{200D}", " "] {
            #expect(!Sanitizer.isUnsafe(character))
        }
        #expect(Sanitizer.containsUnsafe("ok\u{1B}"))
        #expect(!Sanitizer.containsUnsafe("ok"))
    }

    @Test func outputIsNeverUnsafeForRandomInput() {
        // Scalars that start, continue or end sequences, mixed with text, in random order.
        let alphabet: [Unicode.Scalar] = [
            "\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{90}", "\u{85}", ";", "0", "m",
            "a", "中", "\n", "\t", "\r", "\u{202E}", "\u{2066}", "\u{0}", "\u{7F}", " ", "\u{301}", "(", "#",
        ]
        var generator = SplitMix(seed: 42)
        for _ in 0..<2_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                scalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let input = String(scalars)
            #expect(!Sanitizer.containsUnsafe(Sanitizer.clean(input)), "\(input.debugDescription)")
            #expect(Sanitizer.cleanLines(input).allSatisfy { !Sanitizer.containsUnsafe($0) }, "\(input.debugDescription)")
        }
    }
}

/// A small deterministic generator so property tests repeat exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
