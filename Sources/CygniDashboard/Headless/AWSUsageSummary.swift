import CygniModel
import CygniTerminal
import Foundation

/// `cx cost`'s "awsUsage": what the process behind it (this cx on AWS, or cygnid) has asked AWS
/// for since it started and per hour, with the estimate, its price table's date and its note.
public struct AWSUsageSummary: Encodable, Sendable {
    public struct PerHour: Encodable, Sendable {
        public var requests: Double
        public var tracesRetrieved: Double
        public var tracesScanned: Double
        public var metricsRequested: Double
        public var costExplorerRequests: Double
        public var estimatedDollars: Double
    }

    /// "console", "controlPlane" or "sandbox".
    public var asker: String
    public var asksAWS: Bool
    public var since: String
    public var hours: Double
    public var totalRequests: Int
    public var requests: [APIRequests]
    public var perHour: PerHour
    public var units: AWSUsageUnits
    public var estimatedDollars: Double
    public var priceTableDate: String
    public var note: String

    private let report: AWSUsageReport

    private enum CodingKeys: String, CodingKey {
        case asker, asksAWS, since, hours, totalRequests, requests, perHour, units, estimatedDollars, priceTableDate, note
    }

    public init(_ report: AWSUsageReport) {
        self.report = report
        asker = report.asker.rawValue
        asksAWS = report.asksAWS
        since = HeadlessOutput.timestamp(report.since)
        hours = report.hours
        totalRequests = report.totalRequests
        requests = report.requests
        let units = report.units
        perHour = PerHour(
            requests: report.perHour(Double(report.totalRequests)), tracesRetrieved: report.perHour(Double(units.tracesRetrieved)),
            tracesScanned: report.perHour(Double(units.tracesScanned)), metricsRequested: report.perHour(Double(units.metricsRequested)),
            costExplorerRequests: report.perHour(Double(units.costExplorerRequests)), estimatedDollars: report.perHour(report.estimatedDollars))
        self.units = units
        estimatedDollars = report.estimatedDollars
        priceTableDate = report.priceTableDate
        note = report.note
    }

    /// The lines `cx cost` prints for people.
    public var lines: [String] {
        let who = report.asker.name
        guard report.asksAWS else { return ["AWS usage: \(Sanitizer.clean(report.note))"] }
        let units = report.units
        var lines = [
            "AWS usage of \(who) since \(since): \(totalRequests) requests (\(Format.count(perHour.requests))/h), "
                + "estimated \(Format.estimate(estimatedDollars)) (\(Format.estimate(perHour.estimatedDollars))/h)",
            "  X-Ray traces retrieved \(units.tracesRetrieved), scanned \(units.tracesScanned); CloudWatch metrics requested \(units.metricsRequested); "
                + "Cost Explorer requests \(units.costExplorerRequests); FilterLogEvents requests \(units.logFilterRequests)",
        ]
        lines.append(TextTable.render([["API", "REQUESTS"]] + requests.map { [$0.api, String($0.count)] }, rightAligned: [1]))
        lines.append("note: \(Sanitizer.clean(note))")
        return lines
    }
}
