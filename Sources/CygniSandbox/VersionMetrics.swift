import CygniModel
import Foundation

/// What one version has been doing lately, kept as per-second counts and a reservoir of latency
/// samples: metrics come from counts and distributions, never from per-request objects.
struct VersionMetrics: Equatable, Sendable {
    static let secondsKept = 300
    static let latencySamplesPerSecond = 12
    /// About two and a half minutes of samples: enough for a p99 that does not jitter.
    static let latencySamplesKept = 1_800

    private var requests = BoundedBuffer<Int>(capacity: secondsKept)
    private var errors = BoundedBuffer<Int>(capacity: secondsKept)
    private var latency = BoundedBuffer<Double>(capacity: latencySamplesKept)
    /// Running totals since the world began, so a judge can take the difference over a bake.
    private(set) var totalRequests = 0
    private(set) var totalErrors = 0
    private(set) var totalSlow = 0

    mutating func record(requests count: Int, errors failed: Int, slow: Int) {
        requests.append(count)
        errors.append(failed)
        totalRequests += count
        totalErrors += failed
        totalSlow += slow
    }

    var totals: RequestCounts {
        RequestCounts(total: totalRequests, errors: totalErrors, slow: totalSlow)
    }

    mutating func recordLatency(_ milliseconds: Double) {
        latency.append(milliseconds)
    }

    private func sum(_ buffer: BoundedBuffer<Int>, last seconds: Int) -> Int {
        let count = buffer.count
        var total = 0
        for index in max(0, count - seconds)..<count { total += buffer[index] }
        return total
    }

    func requestsPerSecond(over seconds: Int = 10) -> Double {
        let span = min(seconds, requests.count)
        guard span > 0 else { return 0 }
        return Double(sum(requests, last: span)) / Double(span)
    }

    func errorRate(over seconds: Int = 60) -> Double {
        let total = sum(requests, last: seconds)
        guard total > 0 else { return 0 }
        return Double(sum(errors, last: seconds)) / Double(total)
    }

    /// The newest `count` latency samples, oldest first: the judge's datapoints for one second.
    func newestLatencies(_ count: Int) -> [Double] {
        // The storage is a ring: count from the oldest kept sample, not from the array's end.
        let kept = latency.count
        return (max(0, kept - count)..<kept).map { latency[$0] }
    }

    /// The 99th percentile of the recent samples (nearest rank), or nil without samples.
    func p99Milliseconds() -> Double? {
        LatencyMath.percentile99(of: latency.elements)
    }

    /// Request rate per ten-second bucket over the kept seconds, oldest first, for sparklines.
    func history(bucketSeconds: Int = 10) -> [Double] {
        let count = requests.count
        var buckets: [Double] = []
        var start = count % bucketSeconds
        while start + bucketSeconds <= count {
            var total = 0
            for index in start..<(start + bucketSeconds) { total += requests[index] }
            buckets.append(Double(total) / Double(bucketSeconds))
            start += bucketSeconds
        }
        return buckets
    }
}
