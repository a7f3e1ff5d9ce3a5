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
/// and ratios, then `min`, `max` and `fill` share what is left; when the space is too small the
/// parts shrink from the last one backwards, never below zero and never past the edge.
public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .horizontal ? rect.width : rect.height
        let gaps = spacing * (constraints.count - 1)
        let available = Swift.max(0, total - gaps)
        var sizes = constraints.map { base($0, of: available) }

        var remaining = available - sizes.reduce(0, +)
        if remaining > 0 {
            let growers = constraints.indices.filter { index in
                switch constraints[index] {
                case .fill, .min: return true
                default: return false
                }
            }
            let weights = growers.map { index -> Int in
                if case .fill(let weight) = constraints[index] { return Swift.max(1, weight) }
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
            // Max parts take what is still free, up to their cap.
            for index in constraints.indices where remaining > 0 {
                if case .max(let cap) = constraints[index] {
                    let extra = Swift.min(remaining, cap - sizes[index])
                    if extra > 0 {
                        sizes[index] += extra
                        remaining -= extra
                    }
                }
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
        var offset = direction == .horizontal ? rect.x : rect.y
        for size in sizes {
            switch direction {
            case .horizontal:
                rects.append(Rect(x: offset, y: rect.y, width: size, height: rect.height))
            case .vertical:
                rects.append(Rect(x: rect.x, y: offset, width: rect.width, height: size))
            }
            offset += size + spacing
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
            return denominator > 0 ? available * Swift.max(0, numerator) / denominator : 0
        case .fill: return 0
        }
    }
}
