/// Spend of one service, in US dollars.
public struct ServiceCost: Equatable, Sendable, Codable, Identifiable {
    public var id: String { service }
    public var service: String
    public var today: Double
    public var monthToDate: Double
    public var forecast: Double
    /// Spend per day, oldest first, the last entry being today so far.
    public var daily: [Double]

    public init(service: String, today: Double, monthToDate: Double, forecast: Double, daily: [Double]) {
        self.service = service
        self.today = today
        self.monthToDate = monthToDate
        self.forecast = forecast
        self.daily = daily
    }
}

/// What the rollout in progress costs on top of the steady state: both fleets run during the bake.
public struct RolloutCostDelta: Equatable, Sendable, Codable {
    public var service: String
    public var extraTasks: Int
    public var perHour: Double
    /// Spent so far on the overlap of both fleets.
    public var soFar: Double

    public init(service: String, extraTasks: Int, perHour: Double, soFar: Double) {
        self.service = service
        self.extraTasks = extraTasks
        self.perHour = perHour
        self.soFar = soFar
    }
}

public struct CostReport: Equatable, Sendable, Codable {
    public var services: [ServiceCost]
    public var rolloutDeltas: [RolloutCostDelta]

    public init(services: [ServiceCost], rolloutDeltas: [RolloutCostDelta]) {
        self.services = services
        self.rolloutDeltas = rolloutDeltas
    }

    public static let empty = CostReport(services: [], rolloutDeltas: [])

    public var totalToday: Double { services.reduce(0) { $0 + $1.today } }
    public var totalMonthToDate: Double { services.reduce(0) { $0 + $1.monthToDate } }
    public var totalForecast: Double { services.reduce(0) { $0 + $1.forecast } }
}
