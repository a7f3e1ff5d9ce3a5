/// The RGB values xterm (and tmux, and most emulators) use for the 256 palette indices.
/// The 16 ANSI colours are xterm's defaults; users theme those, so they are only used to pick a
/// nearest match, never to claim what the screen really shows.
enum XtermPalette {
    /// The six intensities of each axis of the 6x6x6 colour cube (indices 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static let ansi: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of a palette index.
    static func rgb(of index: UInt8) -> (r: Int, g: Int, b: Int) {
        let value = Int(index)
        if value < 16 { return ansi[value] }
        if value >= 232 {
            let level = 8 + (value - 232) * 10
            return (level, level, level)
        }
        let cube = value - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }
}
