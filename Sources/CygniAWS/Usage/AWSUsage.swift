import Foundation

/// What a process has asked AWS for since `since`: every request sent (each retry is a request
/// AWS sees and rate-limits), by API, and the units AWS bills some APIs by, as their answers
/// report them. Counts only: what they cost is the product's business.
public struct AWSUsage: Sendable, Equatable {
    public var since: Date
    /// Requests by API, e.g. "xray:GetTraceSummaries"; failed and retried attempts included.
    public var requests: [String: Int]
    public var units: [AWSBilledUnit: Int]

    public init(since: Date, requests: [String: Int] = [:], units: [AWSBilledUnit: Int] = [:]) {
        self.since = since
        self.requests = requests
        self.units = units
    }

    public var totalRequests: Int { requests.values.reduce(0, +) }

    /// Requests to one service (its signing name, "ce"), whatever the operation.
    public func requests(toService service: String) -> Int {
        requests.filter { $0.key.hasPrefix(service + ":") }.values.reduce(0, +)
    }

    /// The request count of one API (`service:Operation`).
    public func requests(to api: String) -> Int { requests[api] ?? 0 }

    public subscript(unit: AWSBilledUnit) -> Int { units[unit] ?? 0 }

    /// The name a request is counted under: the service's signing name (as in the SigV4 scope)
    /// and the operation.
    public static func api(service: String, operation: String) -> String { "\(service):\(operation)" }
}

/// Units AWS bills by, counted from the answers that report them.
public enum AWSBilledUnit: String, Sendable, CaseIterable {
    /// Full traces BatchGetTraces returned.
    case tracesRetrieved
    /// Traces GetTraceSummaries says it processed (`TracesProcessedCount`), which X-Ray bills as
    /// scanned even when few summaries come back.
    case tracesScanned
    /// Metric queries sent in GetMetricData requests that were answered.
    case metricsRequested
}
