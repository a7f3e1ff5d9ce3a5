/// Cost Explorer's forecast of unblended cost over a period: the expected amount and, when an
/// interval was asked for, its bounds.
public struct CostForecast: Sendable, Equatable, Codable {
    public struct Period: Sendable, Equatable, Codable {
        public var start: String
        public var end: String
        public var amount: Double
        public var lower: Double?
        public var upper: Double?
    }

    /// The period asked for; `end` is exclusive.
    public var start: String
    public var end: String
    public var currency: String
    /// The expected (mean) spend over the whole period.
    public var amount: Double
    /// Bounds of the prediction interval over the whole period: AWS gives them per period only,
    /// so they are the sums of the periods' bounds (exact with one period, as for a monthly
    /// forecast within one month; wider than the true interval otherwise).
    public var lower: Double?
    public var upper: Double?
    /// 80 means an 80% prediction interval; nil when none was asked for.
    public var predictionIntervalLevel: Int?
    public var periods: [Period]

    /// Reads a GetCostForecast output. Nil when it holds no figure at all: an empty forecast is
    /// no forecast, not a forecast of zero.
    init?(_ output: JSONValue, start: String, end: String, predictionIntervalLevel: Int?) {
        self.start = start
        self.end = end
        self.predictionIntervalLevel = predictionIntervalLevel
        periods = output["ForecastResultsByTime"]?.array.compactMap { result in
            guard let mean = result["MeanValue"]?.double, mean.isFinite else { return nil }
            return Period(
                start: result["TimePeriod"]?["Start"]?.string ?? "", end: result["TimePeriod"]?["End"]?.string ?? "",
                amount: mean, lower: result["PredictionIntervalLowerBound"]?.double.finite,
                upper: result["PredictionIntervalUpperBound"]?.double.finite
            )
        } ?? []
        let total = output["Total"]?["Amount"]?.double.finite
        guard let amount = total ?? (periods.isEmpty ? nil : periods.reduce(0) { $0 + $1.amount }) else { return nil }
        self.amount = amount
        currency = output["Total"]?["Unit"]?.string ?? "USD"
        let lowers = periods.compactMap(\.lower)
        let uppers = periods.compactMap(\.upper)
        let bounded = !periods.isEmpty && lowers.count == periods.count && uppers.count == periods.count
        lower = bounded ? lowers.reduce(0, +) : nil
        upper = bounded ? uppers.reduce(0, +) : nil
    }
}

extension Optional where Wrapped == Double {
    /// The value when it is a real number; AWS strings like "NaN" parse, but are no amount.
    fileprivate var finite: Double? {
        flatMap { $0.isFinite ? $0 : nil }
    }
}
