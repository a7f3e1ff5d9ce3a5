/// One SLO's burn as the engine judges it: each window pair with its rates and threshold, and
/// for the page pairs each side's burn alone over the short window (what pins a burn on a version).
public struct BurnEvidence: Equatable, Sendable, Codable {
    public struct Pair: Equatable, Sendable, Codable {
        public var rate: BurnRate
        /// Both windows at or past the threshold, with enough traffic to mean it.
        public var firing: Bool
        /// Over the short window, each side alone; nil for ticket pairs, which the engine does not pin.
        public var canaryAlone: Double?
        public var stableAlone: Double?

        public init(rate: BurnRate, firing: Bool, canaryAlone: Double?, stableAlone: Double?) {
            self.rate = rate
            self.firing = firing
            self.canaryAlone = canaryAlone
            self.stableAlone = stableAlone
        }
    }

    public var slo: String
    public var objective: Double
    public var pairs: [Pair]
    /// Too little traffic for a burn rate to mean anything.
    public var lowTraffic: Bool

    public init(slo: String, objective: Double, pairs: [Pair], lowTraffic: Bool) {
        self.slo = slo
        self.objective = objective
        self.pairs = pairs
        self.lowTraffic = lowTraffic
    }
}
