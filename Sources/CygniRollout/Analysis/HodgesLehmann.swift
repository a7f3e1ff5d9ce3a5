/// The Hodges-Lehmann estimate of the shift between two samples: the median of all pairwise
/// differences x[i] - y[j], found without building the n*m differences.
///
/// count(v) = #{x[i] - y[j] <= v} takes one merge-like pass over the sorted samples. Probing v
/// narrows a bracket (lo, hi] around the middle ranks until it holds few enough differences to
/// list them and select directly: a handful of O(n + m) passes instead of O(nm).
public enum HodgesLehmann {
    public static func estimate(_ x: [Double], _ y: [Double]) -> Double {
        estimate(sortedX: x.sorted(), sortedY: y.sorted())
    }

    /// NaN must already be removed; empty samples give NaN.
    public static func estimate(sortedX x: [Double], sortedY y: [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        let total = x.count * y.count
        let middle = (total + 1) / 2
        let (lower, upper) = differences(ranked: middle, x, y)
        return total.isMultiple(of: 2) ? (lower + upper) / 2 : lower
    }

    /// The k-th and (k+1)-th smallest (1-based) of x[i] - y[j]; both the k-th when k is the last rank.
    static func differences(ranked k: Int, _ x: [Double], _ y: [Double]) -> (Double, Double) {
        let total = x.count * y.count
        let upperRank = min(k + 1, total)
        // Invariant: count(low) < k and count(high) >= upperRank, so (low, high] holds both ranks.
        var low = (x[0] - y[y.count - 1]).nextDown
        var lowCount = 0
        var high = x[x.count - 1] - y[0]
        var highCount = total
        let listable = max(256, x.count + y.count)
        var rounds = 0
        while highCount - lowCount > listable {
            rounds += 1
            let before = highCount - lowCount
            for probe in probes(low, lowCount, high, highCount, k: k, upperRank: upperRank, listable: listable, round: rounds) {
                guard probe > low, probe < high else { continue }
                let counted = count(atMost: probe, x, y)
                if counted >= upperRank {
                    (high, highCount) = (probe, counted)
                } else if counted < k {
                    (low, lowCount) = (probe, counted)
                } else {
                    // Exactly k differences at or below the probe: the k-th is the largest of them
                    // and the (k+1)-th the smallest above.
                    return (kthAtOrBelow(probe, x, y), smallestDifference(above: probe, x, y))
                }
            }
            // No double strictly between the bounds: high is the value of every rank left in the bracket.
            if highCount - lowCount == before, !(low + (high - low) / 2 > low && low + (high - low) / 2 < high) {
                return (high, high)
            }
        }
        var candidates = differences(above: low, atMost: high, x, y)
        let index = k - lowCount - 1
        let kth = select(index, in: &candidates)
        guard upperRank > k else { return (kth, kth) }
        // Quickselect leaves everything after `index` no smaller than the k-th.
        let next = candidates[(index + 1)...].min() ?? kth
        return (kth, next)
    }

    /// Values to count next. Early rounds interpolate where ranks k and k+1 should lie and probe a
    /// little either side, which usually brackets them in one or two rounds; when that stops
    /// paying, halving the value range (then the bit patterns) always makes progress.
    private static func probes(
        _ low: Double, _ lowCount: Int, _ high: Double, _ highCount: Int, k: Int, upperRank: Int, listable: Int, round: Int
    ) -> [Double] {
        if round <= 6 {
            let span = Double(highCount - lowCount)
            func at(_ rank: Int) -> Double {
                let fraction = min(1, max(0, Double(rank - lowCount) / span))
                return low + (high - low) * fraction
            }
            return [at(k - listable / 4), at(upperRank + listable / 4)]
        }
        if round <= 60 { return [low + (high - low) / 2] }
        return [value(ofKey: orderedKey(low) + (orderedKey(high) - orderedKey(low)) / 2)]
    }

    /// The largest difference <= v: the k-th itself when count(v) == k.
    private static func kthAtOrBelow(_ v: Double, _ x: [Double], _ y: [Double]) -> Double {
        var best = -Double.infinity
        var j = 0
        for xi in x {
            while j < y.count, xi - y[j] > v { j += 1 }
            if j < y.count { best = max(best, xi - y[j]) }
        }
        return best
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

    /// Every x[i] - y[j] in (low, high].
    static func differences(above low: Double, atMost high: Double, _ x: [Double], _ y: [Double]) -> [Double] {
        var found: [Double] = []
        var fromJ = 0, toJ = 0
        for xi in x {
            while fromJ < y.count, xi - y[fromJ] > high { fromJ += 1 }
            while toJ < y.count, xi - y[toJ] > low { toJ += 1 }
            for j in fromJ..<max(fromJ, toJ) { found.append(xi - y[j]) }
        }
        return found
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

    /// The element that would sit at `index` (0-based) if `values` were sorted (Hoare's quickselect).
    static func select(_ index: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0, high = buffer.count - 1
            while low < high {
                // Median of three keeps sorted and reversed input from going quadratic.
                let middle = low + (high - low) / 2
                let pivot = Swift.max(Swift.min(buffer[low], buffer[middle]), Swift.min(Swift.max(buffer[low], buffer[middle]), buffer[high]))
                var i = low, j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if index <= j {
                    high = j
                } else if index >= i {
                    low = i
                } else {
                    return buffer[index]
                }
            }
            return buffer[index]
        }
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
