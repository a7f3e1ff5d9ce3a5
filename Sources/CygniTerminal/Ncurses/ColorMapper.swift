/// Brings a theme colour down to what the terminal can show. Pure, so it is unit-tested.
public enum ColorMapper {
    public static func map(_ color: Color, to depth: ColorDepth) -> Color {
        switch (depth, color) {
        case (.monochrome, _), (_, .default):
            return .default
        case (.trueColor, _):
            return color
        case (.palette256, .indexed):
            return color
        case (.palette256, .rgb(let r, let g, let b)):
            return .indexed(nearest256(r: Int(r), g: Int(g), b: Int(b)))
        case (.ansi16, .indexed(let index)) where index < 16:
            return color
        case (.ansi16, .indexed(let index)):
            let rgb = XtermPalette.rgb(of: index)
            return .indexed(nearestANSI(r: rgb.r, g: rgb.g, b: rgb.b))
        case (.ansi16, .rgb(let r, let g, let b)):
            return .indexed(nearestANSI(r: Int(r), g: Int(g), b: Int(b)))
        }
    }

    /// The closest of the cube colour and the grey-ramp colour, as xterm's own 256-colour
    /// conversion does. The 16 ANSI colours are never chosen: users theme them, so an RGB
    /// colour asked for by a theme would come out as whatever their palette holds.
    static func nearest256(r: Int, g: Int, b: Int) -> UInt8 {
        let cube = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
        let cubeColor = (XtermPalette.cubeLevels[cube.0], XtermPalette.cubeLevels[cube.1], XtermPalette.cubeLevels[cube.2])
        let cubeNumber = 16 + 36 * cube.0 + 6 * cube.1 + cube.2

        let average = (r + g + b) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = 8 + greyStep * 10
        let greyNumber = 232 + greyStep

        let cubeDistance = distance((r, g, b), cubeColor)
        let greyDistance = distance((r, g, b), (greyLevel, greyLevel, greyLevel))
        return UInt8(greyDistance < cubeDistance ? greyNumber : cubeNumber)
    }

    static func nearestANSI(r: Int, g: Int, b: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in XtermPalette.ansi.enumerated() {
            let candidateDistance = distance((r, g, b), candidate)
            if candidateDistance < bestDistance {
                best = index
                bestDistance = candidateDistance
            }
        }
        return UInt8(best)
    }

    /// The cube axis index whose level is nearest to `value` (levels 0, 95, 135, ... 255).
    private static func cubeIndex(_ value: Int) -> Int {
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return min(5, (value - 35) / 40)
    }

    /// Squared distance weighted for the eye (red 30%, green 59%, blue 11%, roughly), so
    /// greens are told apart before blues.
    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0
        let dg = a.1 - b.1
        let db = a.2 - b.2
        return 3 * dr * dr + 6 * dg * dg + db * db
    }
}
