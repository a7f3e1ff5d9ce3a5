/// How much of a row or column one part of a layout takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells.
    case length(Int)
    /// At least this many, growing like `fill(1)` when there is room.
    case min(Int)
    /// At most this many; takes what it can up to that.
    case max(Int)
    /// This share of the whole.
    case percentage(Int)
    /// numerator/denominator of the whole.
    case ratio(Int, Int)
    /// A share of what is left after the others, weighted.
    case fill(Int)
}

public enum Direction: Hashable, Sendable {
    case horizontal, vertical
}

/// Splits a rectangle into parts by constraints. Fixed parts are served first, then percentages
/// and ratios, then `max` parts take up to their cap, then `min` and `fill` share what is left;
/// when the space is too small the parts shrink from the last one backwards, never below zero
/// and never past the edge (gaps included).
public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .horizontal ? rect.width : rect.height
        let spacing = Swift.max(0, spacing)
        let gaps = spacing * (constraints.count - 1)
        let available = Swift.max(0, total - gaps)
        // Each base is capped at `available` so absurd constraints cannot overflow the sums.
        var sizes = constraints.map { Swift.min(available, base($0, of: available)) }

        var remaining = available - sizes.reduce(0, +)
        // Max parts take what is free up to their cap before fills spread over the rest; served
        // after the fills they would always get nothing.
        for index in constraints.indices where remaining > 0 {
            if case .max(let cap) = constraints[index] {
                let extra = Swift.min(remaining, Swift.max(0, cap) - sizes[index])
                if extra > 0 {
                    sizes[index] += extra
                    remaining -= extra
                }
            }
        }
        if remaining > 0 {
            let growers = constraints.indices.filter { index in
                switch constraints[index] {
                case .fill, .min: return true
                default: return false
                }
            }
            let weights = growers.map { index -> Int in
                if case .fill(let weight) = constraints[index] { return Swift.min(1_000_000, Swift.max(1, weight)) }
                return 1
            }
            let weightSum = weights.reduce(0, +)
            if weightSum > 0 {
                var handed = 0
                for (position, index) in growers.enumerated() {
                    let share = position == growers.count - 1 ? remaining - handed : remaining * weights[position] / weightSum
                    sizes[index] += share
                    handed += share
                }
                remaining = 0
            }
        }
        // Too little room: shrink from the end.
        var excess = sizes.reduce(0, +) - available
        var index = sizes.count - 1
        while excess > 0 && index >= 0 {
            let cut = Swift.min(excess, sizes[index])
            sizes[index] -= cut
            excess -= cut
            index -= 1
        }

        var rects: [Rect] = []
        let start = direction == .horizontal ? rect.x : rect.y
        let end = start + total
        var offset = start
        for size in sizes {
            // When even the gaps do not fit, later parts sit empty at the far edge, not past it.
            let position = Swift.min(offset, end)
            let size = Swift.min(size, end - position)
            switch direction {
            case .horizontal:
                rects.append(Rect(x: position, y: rect.y, width: size, height: rect.height))
            case .vertical:
                rects.append(Rect(x: rect.x, y: position, width: rect.width, height: size))
            }
            offset = position + size + spacing
        }
        return rects
    }

    private static func base(_ constraint: Constraint, of available: Int) -> Int {
        switch constraint {
        case .length(let cells): return Swift.max(0, cells)
        case .min(let cells): return Swift.max(0, cells)
        case .max: return 0
        case .percentage(let percent): return available * Swift.min(100, Swift.max(0, percent)) / 100
        case .ratio(let numerator, let denominator):
            guard denominator > 0, numerator > 0 else { return 0 }
            guard numerator < denominator else { return available }
            // Full-width arithmetic: a huge numerator must not overflow.
            let product = available.multipliedFullWidth(by: numerator)
            return denominator.dividingFullWidth(product).quotient
        case .fill: return 0
        }
    }
}
