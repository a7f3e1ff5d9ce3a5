import Foundation

/// The canary's per-interval threshold checks: their limits, the last whole interval, and the
/// failed intervals so far against the number that rolls back.
public struct ThresholdEvidence: Equatable, Sendable, Codable {
    /// One interval as it was checked.
    public struct Check: Equatable, Sendable, Codable {
        public var start: Date
        public var requests: Int
        public var errors: Int
        /// 1 - errors / requests; nil without requests.
        public var successRate: Double?
        public var worstP99Milliseconds: Double?
        /// What failed, as the engine said it; nil when the interval passed.
        public var failure: String?

        public init(start: Date, requests: Int, errors: Int, successRate: Double?, worstP99Milliseconds: Double?, failure: String?) {
            self.start = start
            self.requests = requests
            self.errors = errors
            self.successRate = successRate
            self.worstP99Milliseconds = worstP99Milliseconds
            self.failure = failure
        }
    }

    public var intervalSeconds: Double
    public var minimumSuccessRate: Double
    public var maximumP99Milliseconds: Double
    /// Intervals failed so far in this rollout.
    public var failures: Int
    /// This many failed intervals roll the canary back.
    public var failureLimit: Int
    /// The newest interval checked; nil before the first.
    public var lastCheck: Check?

    public init(
        intervalSeconds: Double, minimumSuccessRate: Double, maximumP99Milliseconds: Double, failures: Int, failureLimit: Int,
        lastCheck: Check?
    ) {
        self.intervalSeconds = intervalSeconds
        self.minimumSuccessRate = minimumSuccessRate
        self.maximumP99Milliseconds = maximumP99Milliseconds
        self.failures = failures
        self.failureLimit = failureLimit
        self.lastCheck = lastCheck
    }
}
