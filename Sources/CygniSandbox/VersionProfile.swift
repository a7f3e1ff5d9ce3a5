/// How one version of a service behaves: the truth the simulation draws from.
struct VersionProfile: Equatable, Sendable {
    enum Flaw: Equatable, Sendable {
        /// Answers a share of requests with 500.
        case elevatedServerErrors(rate: Double)
        /// Exhausts a database pool shared with the other side, so both sides fail in proportion to
        /// the traffic this version takes.
        case exhaustsSharedPool(errorsPerWeight: Double)
        /// Each task is killed for memory some seconds after it turns healthy.
        case leaksMemory(killAfterHealthy: ClosedRange<Int>)
        /// Answers every request this many times slower, without errors.
        case slowerResponses(factor: Double)
    }

    var version: String
    var errorRate: Double
    var latencyMedianMilliseconds: Double
    var latencySigma: Double
    var flaw: Flaw?
    /// Share of requests slower than the latency objective's threshold; worked out once, not every second.
    let slowShare: Double

    init(version: String, errorRate: Double, latencyMedianMilliseconds: Double, latencySigma: Double, flaw: Flaw?) {
        self.version = version
        self.errorRate = errorRate
        self.latencyMedianMilliseconds = latencyMedianMilliseconds
        self.latencySigma = latencySigma
        self.flaw = flaw
        slowShare = LatencyMath.shareAbove(
            SLOCalculator.latencyThresholdMilliseconds, median: latencyMedianMilliseconds, sigma: latencySigma)
    }

    static func healthy(_ spec: ServiceSpec, version: String) -> VersionProfile {
        VersionProfile(
            version: version, errorRate: spec.baselineErrorRate,
            latencyMedianMilliseconds: spec.latencyMedianMilliseconds, latencySigma: spec.latencySigma, flaw: nil)
    }

    func with(_ flaw: Flaw) -> VersionProfile {
        var copy = self
        copy.flaw = flaw
        switch flaw {
        case .elevatedServerErrors(let rate):
            copy.errorRate = rate
        case .slowerResponses(let factor):
            // Through the initializer: the slow share follows the median.
            copy = VersionProfile(
                version: version, errorRate: errorRate, latencyMedianMilliseconds: latencyMedianMilliseconds * factor,
                latencySigma: latencySigma, flaw: flaw)
        case .exhaustsSharedPool, .leaksMemory:
            break
        }
        return copy
    }

    var killAfterHealthy: ClosedRange<Int>? {
        if case .leaksMemory(let range) = flaw { return range }
        return nil
    }

    /// Errors this version causes on every side of its deployment at the given canary weight.
    func sharedErrorRate(atWeight weight: Int) -> Double {
        guard case .exhaustsSharedPool(let perWeight) = flaw else { return 0 }
        return min(0.9, perWeight * Double(weight) / 100)
    }

    var isFlawed: Bool { flaw != nil }
}
