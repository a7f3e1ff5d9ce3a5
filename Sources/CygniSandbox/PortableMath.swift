/// Elementary functions written with +, -, *, / and square roots only, which IEEE 754 makes exact
/// on every platform. The C library's exp, log and cos may differ in the last bit between glibc
/// and Apple's libm, and one bit is enough to change a rounded count and then the whole story:
/// with these, a seed replays the same world on Linux and on macOS, so golden frames agree.
enum PortableMath {
    private static let ln2 = 0.693_147_180_559_945_3
    /// ln 2 split in two (fdlibm's constants): k * ln2High is exact for the k used here, so the
    /// reduced argument of exp keeps its precision.
    private static let ln2High = 6.931_471_803_691_238_164_90e-01
    private static let ln2Low = 1.908_214_929_270_587_700_02e-10
    private static let twoPi = 6.283_185_307_179_586

    /// e^x.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        // e^x = 2^k * e^r with |r| <= ln2/2; the Taylor series of e^r converges fast there.
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0
        var sum = 1.0
        for n in 1...14 {  // |r| <= 0.35: the 15th term is below 1e-17
            term *= r / Double(n)
            sum += term
        }
        return scaled(sum, byPowerOfTwo: Int(k))
    }

    /// The natural logarithm; -infinity at 0, NaN below.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh((m - 1) / (m + 1)).
        var exponent = Int(x.exponent)
        var mantissa = x.significand
        if mantissa > 1.414_213_562_373_095_1 {
            mantissa /= 2
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var power = s
        var sum = s
        var denominator = 3.0
        while denominator < 26 {  // |s| <= 0.172: later terms are below 1e-19
            power *= s2
            sum += power / denominator
            denominator += 2
        }
        return 2 * sum + Double(exponent) * ln2
    }

    /// cos x, for the moderate arguments the world uses.
    static func cos(_ x: Double) -> Double {
        let reduced = x - (x / twoPi).rounded() * twoPi  // within [-pi, pi]
        let x2 = reduced * reduced
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        while n < 30 {
            term *= -x2 / ((n + 1) * (n + 2))
            sum += term
            n += 2
        }
        return sum
    }

    /// The complementary error function, by Abramowitz and Stegun 7.1.26 (error below 1.5e-7):
    /// plenty for a share of slow requests.
    static func erfc(_ x: Double) -> Double {
        let z = abs(x)
        let t = 1 / (1 + 0.327_591_1 * z)
        let polynomial = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
        let tail = polynomial * exp(-z * z)
        return x >= 0 ? tail : 2 - tail
    }

    static func power(of base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= base }
        return result
    }

    /// value * 2^power, exactly, in steps that never overflow the exponent on the way.
    private static func scaled(_ value: Double, byPowerOfTwo power: Int) -> Double {
        var result = value
        var remaining = power
        while remaining != 0 {
            let step = max(-1_000, min(1_000, remaining))
            result *= Double(sign: .plus, exponent: step, significand: 1)
            remaining -= step
        }
        return result
    }
}
