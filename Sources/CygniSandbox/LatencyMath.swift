import Foundation

/// Shares of a log-normal latency distribution, for counts that need no samples.
enum LatencyMath {
    /// Share of a log-normal distribution above `threshold`.
    static func shareAbove(_ threshold: Double, median: Double, sigma: Double) -> Double {
        let z = (PortableMath.log(threshold) - PortableMath.log(median)) / sigma
        return 0.5 * PortableMath.erfc(z / 2.0.squareRoot())
    }

    /// The 99th percentile by nearest rank. Keeps only the largest few samples instead of sorting
    /// them all: the console asks for it on every refresh.
    static func percentile99(of samples: [Double]) -> Double? {
        guard !samples.isEmpty else { return nil }
        let rank = Int((0.99 * Double(samples.count)).rounded(.up))  // 1-based, ascending
        let keep = samples.count - rank + 1  // the answer is the keep-th largest
        var largest: [Double] = []  // ascending, at most `keep` long
        largest.reserveCapacity(keep + 1)
        for sample in samples where largest.count < keep || sample > largest[0] {
            var index = largest.count
            while index > 0, largest[index - 1] > sample { index -= 1 }
            largest.insert(sample, at: index)
            if largest.count > keep { largest.removeFirst() }
        }
        return largest[0]
    }
}
