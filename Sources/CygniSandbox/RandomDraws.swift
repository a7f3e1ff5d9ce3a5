import Foundation

/// The distributions the world draws from, written out here rather than taken from the standard
/// library so that the numbers do not depend on its implementation details.
extension SeededGenerator {
    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    /// `value` rounded down or up, up with a probability equal to its fraction: right on average.
    mutating func roundedAtRandom(_ value: Double) -> Int {
        let whole = value.rounded(.down)
        return Int(whole) + (unit() < value - whole ? 1 : 0)
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Standard normal, by Marsaglia's polar method: no trigonometry, so no libm differences.
    mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                return u * (-2 * PortableMath.log(s) / s).squareRoot()
            }
        }
    }

    /// Log-normal with the given median; `sigma` is the spread of the logarithm.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * PortableMath.exp(sigma * normal())
    }

    /// A count of events with the given mean: exact for small means, normal beyond.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = PortableMath.exp(-mean)
            var product = unit()
            var count = 0
            while product > limit {
                count += 1
                product *= unit()
            }
            return count
        }
        return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
    }

    /// How many of `trials` succeed with `probability` each.
    mutating func binomial(_ trials: Int, _ probability: Double) -> Int {
        guard trials > 0, probability > 0 else { return 0 }
        guard probability < 1 else { return trials }
        let mean = Double(trials) * probability
        if mean < 30 { return min(trials, poisson(mean)) }
        let spread = (mean * (1 - probability)).squareRoot()
        return min(trials, max(0, Int((mean + spread * normal()).rounded())))
    }
}
