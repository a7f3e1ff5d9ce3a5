/// Block elements for drawing lengths to an eighth of a cell.
enum SubCell {
    /// Left-aligned blocks by eighths: index 1 is one eighth, 8 the full block.
    static let leftBlocks: [String] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    /// Bottom-aligned blocks by eighths, for columns that grow upwards.
    static let lowerBlocks: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A fraction made safe to draw: NaN and negatives are 0, anything past 1 (or +inf) is 1.
    static func clamped(_ value: Double) -> Double {
        guard !value.isNaN else { return 0 }
        return Swift.min(1, Swift.max(0, value))
    }

    /// Eighths of `cells` cells covered by `fraction`; a nonzero fraction shows at least one
    /// eighth and a fraction short of 1 never looks full, so nothing reads as 0% or 100% that isn't.
    static func eighths(_ fraction: Double, of cells: Int) -> Int {
        let fraction = clamped(fraction)
        let total = cells * 8
        guard total > 0 else { return 0 }
        var eighths = Int((fraction * Double(total)).rounded())
        if fraction > 0 { eighths = Swift.max(1, eighths) }
        if fraction < 1 { eighths = Swift.min(total - 1, eighths) }
        return Swift.min(total, Swift.max(0, eighths))
    }
}

extension Style {
    /// This style with reverse video switched: text drawn over a filled bar reads as a cut-out.
    var reversedVideo: Style {
        var copy = self
        if copy.attributes.contains(.reverse) { copy.attributes.remove(.reverse) } else { copy.attributes.insert(.reverse) }
        return copy
    }
}
