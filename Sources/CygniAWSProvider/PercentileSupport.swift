/// Whether CloudWatch answers percentiles in GetMetricData; after a refusal they are asked
/// again an hour later, so a passing fault does not cost the p99 for good.
actor PercentileSupport {
    private var refusedAt: ContinuousClock.Instant?

    func served() -> Bool {
        refusedAt.map { ContinuousClock.now - $0 >= .seconds(3600) } ?? true
    }

    func refused() {
        refusedAt = ContinuousClock.now
    }
}
