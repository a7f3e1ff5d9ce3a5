/// SplitMix64: small, fast and the same on every platform, so a failing seed reproduces.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

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

    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        let u = max(unit(), .leastNonzeroMagnitude)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
    }

    /// Binomial(n, p): exact for small n, Poisson for rare events, normal for many. A normal
    /// draw clamped at zero would inflate small means, which the canary judge rightly notices.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        if n < 60 { return (0..<n).reduce(0) { count, _ in count + (unit() < p ? 1 : 0) } }
        let mean = Double(n) * p
        if mean < 30 { return min(n, poisson(mean)) }
        let draw = mean + (mean * (1 - p)).squareRoot() * normal()
        return min(n, max(0, Int(draw.rounded())))
    }

    /// Poisson(mean) by Knuth's multiplication method; fine for the small means it is used for.
    mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var count = 0
        var product = unit()
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

import Foundation
