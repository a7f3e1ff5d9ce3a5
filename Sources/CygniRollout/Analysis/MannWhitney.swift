/// The Mann-Whitney U test with the normal approximation, tie correction and continuity
/// correction: the same numbers as SciPy's `mannwhitneyu(x, y, method="asymptotic",
/// use_continuity=True, alternative=...)`.
public enum MannWhitney {
    public enum Alternative: String, Equatable, Sendable, Codable {
        case twoSided = "two-sided"
        /// x tends to be larger than y.
        case greater
        /// x tends to be smaller than y.
        case less
    }

    public struct Result: Equatable, Sendable {
        /// U of the first sample, as SciPy reports it.
        public var u: Double
        public var pValue: Double
    }

    /// NaN must already be removed; empty samples give p = 1.
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided) -> Result {
        test(sortedX: x.sorted(), sortedY: y.sorted(), alternative: alternative)
    }

    /// The same test on samples sorted ascending, so a caller that also needs Hodges-Lehmann sorts once.
    public static func test(sortedX x: [Double], sortedY y: [Double], alternative: Alternative = .twoSided) -> Result {
        let n1 = Double(x.count), n2 = Double(y.count)
        guard !x.isEmpty, !y.isEmpty else { return Result(u: 0, pValue: 1) }
        let (rankSumX, tieTerm) = rankSum(sortedX: x, sortedY: y)
        let u1 = rankSumX - n1 * (n1 + 1) / 2
        let u2 = n1 * n2 - u1
        let n = n1 + n2
        let spread = (n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        // Every value equal: no evidence either way.
        guard spread > 0 else { return Result(u: u1, pValue: 1) }
        let (u, factor): (Double, Double)
        switch alternative {
        case .greater: (u, factor) = (u1, 1)
        case .less: (u, factor) = (u2, 1)
        case .twoSided: (u, factor) = (max(u1, u2), 2)
        }
        let z = (u - n1 * n2 / 2 - 0.5) / spread
        let p = min(1, max(0, factor * StandardNormal.survival(z)))
        return Result(u: u1, pValue: p)
    }

    /// The rank sum of x in the pooled sample (ties get their average rank) and the tie
    /// correction term sum(t^3 - t), by merging the two sorted samples.
    private static func rankSum(sortedX x: [Double], sortedY y: [Double]) -> (Double, Double) {
        var i = 0, j = 0
        var position = 0.0
        var rankSum = 0.0
        var tieTerm = 0.0
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                while i < x.count || j < y.count {
                    let value = j == y.count || (i < x.count && x[i] <= y[j]) ? x[i] : y[j]
                    var inX = 0.0, inY = 0.0
                    while i < x.count, x[i] == value { inX += 1; i += 1 }
                    while j < y.count, y[j] == value { inY += 1; j += 1 }
                    let tied = inX + inY
                    rankSum += inX * (position + (tied + 1) / 2)
                    tieTerm += tied * tied * tied - tied
                    position += tied
                }
            }
        }
        return (rankSum, tieTerm)
    }
}
