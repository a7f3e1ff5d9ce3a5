import CygniModel

/// `GET /v1/usage`: what cygnid itself has asked AWS for since it started, with the estimate.
public struct UsageDocument: Codable, Sendable {
    public var usage: AWSUsageReport

    public init(usage: AWSUsageReport) {
        self.usage = usage
    }
}
