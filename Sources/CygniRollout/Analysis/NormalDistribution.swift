import Foundation

/// The standard normal distribution, as far as the tests here need it.
enum StandardNormal {
    /// P(Z > z). Through erfc so tail probabilities keep their precision instead of rounding to 0.
    static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
