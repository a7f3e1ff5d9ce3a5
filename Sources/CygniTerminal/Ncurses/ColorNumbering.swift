/// How ncurses numbers colours on this terminal, which is not the same question as the depth.
///
/// With a palette terminfo a colour number is a palette index below COLORS. With direct colour
/// (terminfo `RGB`, e.g. xterm-direct) numbers below 8 are the ANSI colours and every other
/// number is a packed 0xRRGGBB value, so palette indices 8-255 must be sent as their RGB value.
enum ColorNumbering: Equatable {
    case palette(colors: Int)
    case direct

    /// The ncurses colour number of a colour already mapped to the depth; -1 is the default.
    func number(for color: Color) -> Int32 {
        switch (self, color) {
        case (_, .default):
            return -1
        case (.palette(let colors), .indexed(let index)):
            // Terminals with 8 colours get the bright half folded onto the normal half.
            var value = Int(index)
            if value >= colors, colors >= 8, value < 16 { value -= 8 }
            return value < colors ? Int32(value) : -1
        case (.palette(let colors), .rgb(let r, let g, let b)):
            // Not expected (the mapper brings RGB down first); pick the nearest palette entry.
            let index = colors >= 256 ? ColorMapper.nearest256(r: Int(r), g: Int(g), b: Int(b))
                : ColorMapper.nearestANSI(r: Int(r), g: Int(g), b: Int(b))
            return ColorNumbering.palette(colors: colors).number(for: .indexed(index))
        case (.direct, .indexed(let index)) where index < 8:
            return Int32(index)
        case (.direct, .indexed(let index)):
            let rgb = XtermPalette.rgb(of: index)
            return Self.packed(r: rgb.r, g: rgb.g, b: rgb.b)
        case (.direct, .rgb(let r, let g, let b)):
            return Self.packed(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    /// 0xRRGGBB, kept at 8 or above so near-black never turns into an (user-themed) ANSI colour.
    private static func packed(r: Int, g: Int, b: Int) -> Int32 {
        max(8, Int32(r << 16 | g << 8 | b))
    }
}
