import Foundation

/// What the process behind the console has asked AWS for since it started (this `cx` on AWS
/// directly, or the `cygnid` it watches through), with what that is estimated to cost.
public struct AWSUsageReport: Equatable, Sendable, Codable {
    /// Whose requests these are.
    public enum Asker: String, Equatable, Sendable, Codable {
        /// This console, on AWS directly.
        case console
        /// The control plane the console watches through (every console it serves shares it).
        case controlPlane
        /// The embedded sandbox, which asks AWS nothing.
        case sandbox

        /// "this console", "cygnid", "the sandbox".
        public var name: String {
            switch self {
            case .console: return "this console"
            case .controlPlane: return "cygnid"
            case .sandbox: return "the sandbox"
            }
        }
    }

    public var asker: Asker
    public var since: Date
    /// When the counts were read.
    public var at: Date
    /// Requests by API ("xray:GetTraceSummaries"), most first; retried attempts included.
    public var requests: [APIRequests]
    public var units: AWSUsageUnits
    /// At the list prices of `AWSRequestPriceTable`, dated `priceTableDate`.
    public var estimatedDollars: Double
    public var priceTableDate: String
    /// How the estimate was made and what it leaves out.
    public var note: String

    public init(
        asker: Asker, since: Date, at: Date, requests: [APIRequests], units: AWSUsageUnits, estimatedDollars: Double,
        priceTableDate: String = AWSRequestPriceTable.date, note: String
    ) {
        self.asker = asker
        self.since = since
        self.at = at
        self.requests = requests
        self.units = units
        self.estimatedDollars = estimatedDollars
        self.priceTableDate = priceTableDate
        self.note = note
    }

    /// The sandbox's report: nothing asked, and it says so.
    public static func sandbox(since: Date, at: Date) -> AWSUsageReport {
        AWSUsageReport(
            asker: .sandbox, since: since, at: at, requests: [], units: AWSUsageUnits(), estimatedDollars: 0,
            note: "the sandbox asks AWS nothing: its world is simulated in this process")
    }

    public var asksAWS: Bool { asker != .sandbox }

    public var totalRequests: Int { requests.reduce(0) { $0 + $1.count } }

    /// Hours counted, at least a minute's worth, so the first seconds' few requests are not
    /// extrapolated into an alarming hourly rate.
    public var hours: Double { max(at.timeIntervalSince(since), Self.shortestRatedSpan) / 3600 }

    /// `count` over the hours counted.
    public func perHour(_ count: Double) -> Double { count / hours }

    public static let shortestRatedSpan: TimeInterval = 60
}

/// One API's request count.
public struct APIRequests: Equatable, Sendable, Codable {
    /// The service's signing name and the operation, "monitoring:GetMetricData".
    public var api: String
    public var count: Int

    public init(api: String, count: Int) {
        self.api = api
        self.count = count
    }
}

/// The units AWS bills the console's reads by.
public struct AWSUsageUnits: Equatable, Sendable, Codable {
    /// Full traces BatchGetTraces returned.
    public var tracesRetrieved: Int
    /// Traces GetTraceSummaries reported processing.
    public var tracesScanned: Int
    /// Metric queries in GetMetricData requests.
    public var metricsRequested: Int
    /// Cost Explorer requests (each is billed).
    public var costExplorerRequests: Int
    /// FilterLogEvents requests: not billed per request, but rate-limited per account, and the
    /// bytes they scan are not reported.
    public var logFilterRequests: Int

    public init(tracesRetrieved: Int = 0, tracesScanned: Int = 0, metricsRequested: Int = 0, costExplorerRequests: Int = 0, logFilterRequests: Int = 0) {
        self.tracesRetrieved = tracesRetrieved
        self.tracesScanned = tracesScanned
        self.metricsRequested = metricsRequested
        self.costExplorerRequests = costExplorerRequests
        self.logFilterRequests = logFilterRequests
    }
}
