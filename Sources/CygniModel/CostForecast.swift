/// A forecast of spend over a period: the expected amount and, when an interval was asked for,
/// its bounds.
public struct CostForecast: Sendable, Equatable, Codable {
    public struct Period: Sendable, Equatable, Codable {
        public var start: String
        public var end: String
        public var amount: Double
        public var lower: Double?
        public var upper: Double?

        public init(start: String, end: String, amount: Double, lower: Double?, upper: Double?) {
            self.start = start
            self.end = end
            self.amount = amount
            self.lower = lower
            self.upper = upper
        }
    }

    /// The period forecast; `end` is exclusive.
    public var start: String
    public var end: String
    public var currency: String
    /// The expected (mean) spend over the whole period.
    public var amount: Double
    /// Bounds of the prediction interval over the whole period (nil when there is none).
    public var lower: Double?
    public var upper: Double?
    /// 80 means an 80% prediction interval; nil when there is none.
    public var predictionIntervalLevel: Int?
    public var periods: [Period]

    public init(
        start: String, end: String, currency: String, amount: Double, lower: Double?, upper: Double?,
        predictionIntervalLevel: Int?, periods: [Period]
    ) {
        self.start = start
        self.end = end
        self.currency = currency
        self.amount = amount
        self.lower = lower
        self.upper = upper
        self.predictionIntervalLevel = predictionIntervalLevel
        self.periods = periods
    }
}
