/// Spend over a period of UTC days, per day and per group, from whichever source keeps the bills.
public struct CostAndUsage: Sendable, Equatable, Codable {
    public struct Day: Sendable, Equatable, Codable {
        public var date: String
        public var amount: Double
        public var estimated: Bool

        public init(date: String, amount: Double, estimated: Bool) {
            self.date = date
            self.amount = amount
            self.estimated = estimated
        }
    }

    public struct Group: Sendable, Equatable, Codable {
        public var key: String
        public var amount: Double
        /// The group's spend per day ("2026-11-26" -> amount); nil in answers cached before it was kept.
        public var daily: [String: Double]?

        public init(key: String, amount: Double, daily: [String: Double]?) {
            self.key = key
            self.amount = amount
            self.daily = daily
        }
    }

    /// The first day, "2026-11-20", and the day after the last (exclusive).
    public var start: String
    public var end: String
    public var currency: String
    public var total: Double
    public var days: [Day]
    /// Largest first.
    public var groups: [Group]
    /// True when the source stopped reading with pages left: the figures are partial. (Nil in
    /// answers cached before it was kept.)
    public var truncated: Bool?

    public init(start: String, end: String, currency: String, total: Double, days: [Day], groups: [Group], truncated: Bool?) {
        self.start = start
        self.end = end
        self.currency = currency
        self.total = total
        self.days = days
        self.groups = groups
        self.truncated = truncated
    }
}
