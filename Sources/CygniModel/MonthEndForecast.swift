/// What `cx cost` says about the rest of the month: a forecast, or one line on why there is
/// none. Spend is worth showing without it, so a source answers with this rather than failing.
public struct MonthEndForecast: Sendable, Equatable, Codable {
    public var forecast: CostForecast?
    /// Set exactly when `forecast` is nil.
    public var unavailable: String?

    public init(forecast: CostForecast) {
        self.forecast = forecast
        unavailable = nil
    }

    public init(unavailable reason: String) {
        forecast = nil
        unavailable = reason
    }

    /// The prediction interval asked for, in percent.
    public static let intervalLevel = 80

    /// Why there is nothing to forecast on the month's last day.
    public static let lastDayOfMonth = "today is the last day of the month: no days left to forecast"
}
