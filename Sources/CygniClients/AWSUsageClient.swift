import CygniModel

/// What the process behind the console has asked AWS for (the Cost pane, `cx cost`).
public struct AWSUsageClient: Sendable {
    public var report: @Sendable () async throws -> AWSUsageReport

    public init(report: @escaping @Sendable () async throws -> AWSUsageReport) {
        self.report = report
    }

    public static func unavailable(_ source: String) -> AWSUsageClient {
        AWSUsageClient { throw ClientError("\(source) does not report its AWS usage") }
    }
}
