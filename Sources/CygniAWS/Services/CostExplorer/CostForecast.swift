import CygniModel

extension CostForecast {
    /// Reads a GetCostForecast output. Nil when it holds no figure at all: an empty forecast is
    /// no forecast, not a forecast of zero. AWS gives interval bounds per period only, so the
    /// whole period's are the sums of the periods' (exact with one period, as for a monthly
    /// forecast within one month; wider than the true interval otherwise).
    init?(_ output: JSONValue, start: String, end: String, predictionIntervalLevel: Int?) {
        let periods: [Period] = output["ForecastResultsByTime"]?.array.compactMap { result in
            guard let mean = result["MeanValue"]?.double, mean.isFinite else { return nil }
            return Period(
                start: result["TimePeriod"]?["Start"]?.string ?? "", end: result["TimePeriod"]?["End"]?.string ?? "",
                amount: mean, lower: result["PredictionIntervalLowerBound"]?.double.finite,
                upper: result["PredictionIntervalUpperBound"]?.double.finite
            )
        } ?? []
        let total = output["Total"]?["Amount"]?.double.finite
        guard let amount = total ?? (periods.isEmpty ? nil : periods.reduce(0) { $0 + $1.amount }) else { return nil }
        let lowers = periods.compactMap(\.lower)
        let uppers = periods.compactMap(\.upper)
        let bounded = !periods.isEmpty && lowers.count == periods.count && uppers.count == periods.count
        self.init(
            start: start, end: end, currency: output["Total"]?["Unit"]?.string ?? "USD", amount: amount,
            lower: bounded ? lowers.reduce(0, +) : nil, upper: bounded ? uppers.reduce(0, +) : nil,
            predictionIntervalLevel: predictionIntervalLevel, periods: periods
        )
    }
}

extension Optional where Wrapped == Double {
    /// The value when it is a real number; AWS strings like "NaN" parse, but are no amount.
    fileprivate var finite: Double? {
        flatMap { $0.isFinite ? $0 : nil }
    }
}
