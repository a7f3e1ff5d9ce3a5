@testable import CygniTerminal
import Testing

@Suite("Colour depth detection")
struct ColorDepthDetectionTests {
    @Test func noColorWinsOverEverything() {
        let depth = ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], colors: 1 << 24, hasRGBCapability: true)
        #expect(depth == .monochrome)
    }

    @Test func emptyNoColorIsIgnored() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], colors: 256, hasRGBCapability: false) == .palette256)
    }

    @Test func trueColorNeedsColortermAndTerminfo() {
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], colors: 1 << 24, hasRGBCapability: true) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"], colors: 1 << 24, hasRGBCapability: false) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "TrueColor"], colors: 256, hasRGBCapability: true) == .trueColor)
    }

    @Test func tmuxWithColortermButPaletteTerminfoGets256() {
        // TERM=tmux-256color: COLORTERM is inherited from the outer terminal, ncurses can't send RGB.
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor", "TERM": "tmux-256color"], colors: 256, hasRGBCapability: false) == .palette256)
    }

    @Test func directTerminfoWithoutColortermStaysAtPalette() {
        #expect(ColorDepth.detect(environment: [:], colors: 1 << 24, hasRGBCapability: true) == .palette256)
    }

    @Test(arguments: [(256, ColorDepth.palette256), (88, .ansi16), (16, .ansi16), (8, .ansi16), (2, .monochrome), (0, .monochrome), (-1, .monochrome)])
    func paletteSizes(colors: Int, expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: ["TERM": "xterm"], colors: colors, hasRGBCapability: false) == expected)
    }
}

@Suite("Colour mapping")
struct ColorMapperTests {
    @Test(arguments: [
        ((255, 0, 0), 196), ((0, 255, 0), 46), ((0, 0, 255), 21), ((255, 255, 255), 231), ((0, 0, 0), 16),
        ((95, 135, 175), 67), ((255, 135, 0), 208), ((95, 135, 215), 68), ((250, 10, 10), 196),
    ])
    func rgbToCube(rgb: (Int, Int, Int), index: Int) {
        let color = Color.rgb(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2))
        #expect(ColorMapper.map(color, to: .palette256) == .indexed(UInt8(index)))
    }

    @Test(arguments: [((128, 128, 128), 244), ((238, 238, 238), 255), ((18, 18, 18), 233), ((8, 8, 8), 232), ((100, 100, 100), 241)])
    func greysUseTheRamp(rgb: (Int, Int, Int), index: Int) {
        let color = Color.rgb(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2))
        #expect(ColorMapper.map(color, to: .palette256) == .indexed(UInt8(index)))
    }

    @Test func everyCubeAndGreyIndexMapsBackToItself() {
        for index in 16...255 {
            let rgb = XtermPalette.rgb(of: UInt8(index))
            let mapped = ColorMapper.map(.rgb(UInt8(rgb.r), UInt8(rgb.g), UInt8(rgb.b)), to: .palette256)
            // Greys that the cube also holds exactly (none) would be ambiguous; ramp and cube are disjoint.
            #expect(mapped == .indexed(UInt8(index)), "index \(index)")
        }
    }

    @Test func indexedColoursPassThroughAt256() {
        #expect(ColorMapper.map(.indexed(3), to: .palette256) == .indexed(3))
        #expect(ColorMapper.map(.indexed(200), to: .palette256) == .indexed(200))
    }

    @Test(arguments: [
        (Color.rgb(255, 0, 0), 9), (.rgb(205, 0, 0), 1), (.rgb(0, 0, 0), 0), (.rgb(255, 255, 255), 15),
        (.rgb(130, 130, 130), 8), (.indexed(196), 9), (.indexed(21), 4), (.indexed(244), 8), (.indexed(255), 7),
        (.indexed(46), 10), (.indexed(5), 5), (.indexed(13), 13),
    ])
    func ansiFallback(color: Color, index: Int) {
        #expect(ColorMapper.map(color, to: .ansi16) == .indexed(UInt8(index)))
    }

    @Test func monochromeDropsEveryColour() {
        for color in [Color.default, .red, .indexed(200), .rgb(1, 2, 3)] {
            #expect(ColorMapper.map(color, to: .monochrome) == .default)
        }
    }

    @Test func defaultStaysDefaultSoTransparentBackgroundsStay() {
        for depth in [ColorDepth.trueColor, .palette256, .ansi16, .monochrome] {
            #expect(ColorMapper.map(.default, to: depth) == .default)
        }
    }

    @Test func trueColorKeepsColours() {
        #expect(ColorMapper.map(.rgb(1, 2, 3), to: .trueColor) == .rgb(1, 2, 3))
        #expect(ColorMapper.map(.indexed(200), to: .trueColor) == .indexed(200))
    }
}

@Suite("ncurses colour numbers and pairs")
struct ColorNumberingTests {
    @Test func paletteNumbers() {
        let numbering = ColorNumbering.palette(colors: 256)
        #expect(numbering.number(for: .default) == -1)
        #expect(numbering.number(for: .indexed(200)) == 200)
    }

    @Test func eightColourTerminalsFoldBrightColours() {
        let numbering = ColorNumbering.palette(colors: 8)
        #expect(numbering.number(for: .indexed(9)) == 1)
        #expect(numbering.number(for: .indexed(7)) == 7)
    }

    @Test func directColourSendsPaletteAsRGB() {
        let numbering = ColorNumbering.direct
        #expect(numbering.number(for: .indexed(3)) == 3)
        #expect(numbering.number(for: .indexed(196)) == 0xFF0000)
        #expect(numbering.number(for: .rgb(0x12, 0x34, 0x56)) == 0x123456)
        // Near-black must not collide with the ANSI numbers 0-7.
        #expect(numbering.number(for: .rgb(0, 0, 0)) == 8)
    }

    @Test func pairsAreReusedAndRunOut() {
        var cache = ColorPairCache(capacity: 2)
        #expect(cache.pair(for: .init(foreground: -1, background: -1))! == (0, false))
        #expect(cache.pair(for: .init(foreground: 1, background: -1))! == (1, true))
        #expect(cache.pair(for: .init(foreground: 1, background: -1))! == (1, false))
        #expect(cache.pair(for: .init(foreground: 2, background: 3))! == (2, true))
        #expect(cache.pair(for: .init(foreground: 4, background: 3)) == nil)
        cache.removeAll()
        #expect(cache.pair(for: .init(foreground: 4, background: 3))! == (1, true))
    }
}
