import Foundation

/// Counts what a process asks AWS for. Every `AWSClient` counts each request it sends here, and
/// the service clients add the billed units their answers report. Thread-safe: clients on any
/// task share one meter.
public final class AWSUsageMeter: Sendable {
    /// The process's own meter, which clients count on unless given another (tests give their
    /// own so parallel tests do not see each other's requests). It counts from its first use,
    /// when the process makes its first client.
    public static let process = AWSUsageMeter()

    private let usage: Locked<AWSUsage>

    public init(since: Date = Date()) {
        usage = Locked(AWSUsage(since: since))
    }

    /// What has been counted so far.
    public var snapshot: AWSUsage { usage.withLock { $0 } }

    /// One request sent (counted before its answer: a request that fails was still made).
    public func countRequest(service: String, operation: String) {
        let api = AWSUsage.api(service: service, operation: operation)
        usage.withLock { $0.requests[api, default: 0] += 1 }
    }

    public func count(_ amount: Int, _ unit: AWSBilledUnit) {
        guard amount > 0 else { return }
        usage.withLock { $0.units[unit, default: 0] += amount }
    }
}
