/// The Hodges-Lehmann estimate of the shift between two samples: the median of all pairwise
/// differences x[i] - y[j], found without building the n*m differences.
///
/// The k-th smallest difference is the smallest double v with count(x[i] - y[j] <= v) >= k.
/// Counting takes one merge-like pass over the sorted samples, and a bisection over the ordered
/// bit patterns of doubles finds v exactly in at most 64 passes: O((n + m) log) instead of O(nm).
public enum HodgesLehmann {
    public static func estimate(_ x: [Double], _ y: [Double]) -> Double {
        estimate(sortedX: x.sorted(), sortedY: y.sorted())
    }

    /// NaN must already be removed; empty samples give NaN.
    public static func estimate(sortedX x: [Double], sortedY y: [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        let total = x.count * y.count
        let lowerMiddle = kthDifference((total + 1) / 2, x, y)
        guard total.isMultiple(of: 2) else { return lowerMiddle }
        let upperMiddle = count(atMost: lowerMiddle, x, y) > total / 2
            ? lowerMiddle
            : smallestDifference(above: lowerMiddle, x, y)
        return (lowerMiddle + upperMiddle) / 2
    }

    /// The k-th smallest (1-based) of x[i] - y[j].
    static func kthDifference(_ k: Int, _ x: [Double], _ y: [Double]) -> Double {
        var low = orderedKey(x[0] - y[y.count - 1])
        var high = orderedKey(x[x.count - 1] - y[0])
        while low < high {
            let middle = low + (high - low) / 2
            if count(atMost: value(ofKey: middle), x, y) >= k {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return value(ofKey: low)
    }

    /// How many x[i] - y[j] are <= v. As i grows the first j with x[i] - y[j] <= v can only move right.
    static func count(atMost v: Double, _ x: [Double], _ y: [Double]) -> Int {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                var j = 0
                var count = 0
                for xi in x {
                    while j < y.count, xi - y[j] > v { j += 1 }
                    count += y.count - j
                }
                return count
            }
        }
    }

    /// The smallest x[i] - y[j] strictly greater than v (v is below the largest difference).
    static func smallestDifference(above v: Double, _ x: [Double], _ y: [Double]) -> Double {
        var best = Double.infinity
        var j = 0
        for xi in x {
            while j < y.count, xi - y[j] > v { j += 1 }
            // y[j-1] is the largest y that still leaves a difference above v for this x.
            if j > 0 { best = min(best, xi - y[j - 1]) }
        }
        return best
    }

    /// Maps doubles onto unsigned integers in the same order, so bisection can walk every double.
    static func orderedKey(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    static func value(ofKey key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
