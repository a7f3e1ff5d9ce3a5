/// A service level objective and how fast its error budget is burning.
public struct SLOStatus: Equatable, Sendable, Codable, Identifiable {
    public enum Kind: String, Equatable, Sendable, Codable {
        case availability, latency
    }

    public var id: String { "\(service)/\(name)" }
    public var name: String
    public var service: String
    public var kind: Kind
    /// For example 0.999.
    public var objective: Double
    /// The current service level indicator over the SLO window, 0...1.
    public var sli: Double
    /// Fraction of the error budget left over the SLO window; negative once overspent.
    public var budgetRemaining: Double
    public var windowDays: Int
    public var burnRates: [BurnRate]
    public var alert: AlertState
    /// Set when traffic is too low for burn rates to mean anything.
    public var lowTraffic: Bool

    public init(
        name: String, service: String, kind: Kind, objective: Double, sli: Double, budgetRemaining: Double,
        windowDays: Int = 30, burnRates: [BurnRate], alert: AlertState, lowTraffic: Bool = false
    ) {
        self.name = name
        self.service = service
        self.kind = kind
        self.objective = objective
        self.sli = sli
        self.budgetRemaining = budgetRemaining
        self.windowDays = windowDays
        self.burnRates = burnRates
        self.alert = alert
        self.lowTraffic = lowTraffic
    }
}

/// The burn rate over one short/long window pair, and the threshold that makes it alert.
public struct BurnRate: Equatable, Sendable, Codable {
    /// "5m/1h", "30m/6h", "2h/1d", "6h/3d".
    public var windows: String
    public var short: Double
    public var long: Double
    public var threshold: Double
    public var severity: AlertState

    public init(windows: String, short: Double, long: Double, threshold: Double, severity: AlertState) {
        self.windows = windows
        self.short = short
        self.long = long
        self.threshold = threshold
        self.severity = severity
    }

    /// Both windows must exceed the threshold for the pair to fire.
    public var isFiring: Bool { short >= threshold && long >= threshold }

    /// The four window pairs of the SRE workbook for a 30-day SLO.
    public static let standardPairs: [(windows: String, threshold: Double, severity: AlertState)] = [
        ("5m/1h", 14.4, .page),
        ("30m/6h", 6, .page),
        ("2h/1d", 3, .ticket),
        ("6h/3d", 1, .ticket),
    ]
}

public enum AlertState: String, Equatable, Sendable, Codable, Comparable {
    case ok, ticket, page

    private var rank: Int {
        switch self {
        case .ok: return 0
        case .ticket: return 1
        case .page: return 2
        }
    }

    public static func < (lhs: AlertState, rhs: AlertState) -> Bool { lhs.rank < rhs.rank }
}
