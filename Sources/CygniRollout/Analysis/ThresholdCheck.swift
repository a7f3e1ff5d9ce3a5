/// The canary's traffic over one check interval, summed from metric windows.
struct ThresholdInterval: Equatable, Sendable, Codable {
    var start: Double
    var requests = 0
    var errors = 0
    var worstP99: Double?

    init(start: Double) {
        self.start = start
    }

    mutating func add(_ window: MetricWindow) {
        requests += window.requests
        errors += window.errors
        if let p99 = window.p99Milliseconds { worstP99 = max(worstP99 ?? p99, p99) }
    }

    /// Nil when the interval passes; otherwise what failed. No requests at all fails too:
    /// silence from the canary is not evidence that it works.
    func failure(against policy: ThresholdPolicy) -> String? {
        guard requests > 0 else { return "no requests reached the canary" }
        let successRate = 1 - Double(errors) / Double(requests)
        if successRate < policy.minimumSuccessRate {
            return "success rate \(percent(successRate)) < \(percent(policy.minimumSuccessRate)) (\(errors) of \(requests) failed)"
        }
        if let p99 = worstP99, p99 > policy.maximumP99Milliseconds {
            return "p99 \(Int(p99.rounded())) ms > \(Int(policy.maximumP99Milliseconds)) ms"
        }
        return nil
    }

    private func percent(_ value: Double) -> String {
        let scaled = (value * 1000).rounded(.down) / 10
        return "\(scaled)%"
    }
}
