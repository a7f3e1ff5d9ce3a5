import CygniModel

/// The datapoints of the current step, per metric, for the canary and its baseline. Series are
/// kept in the order of the policy's metrics, so the per-window path does no name lookups.
struct StepEvidence: Equatable, Sendable, Codable {
    private var canarySeries: [[Double]] = []
    private var baselineSeries: [[Double]] = []
    /// Datapoints let go to stay within the policy's maximum.
    private(set) var dropped = 0
    /// Counts not yet turned into an error-rate datapoint, per side.
    private var pendingCounts = PerSide(both: PendingCounts())

    struct PendingCounts: Equatable, Sendable, Codable {
        var since: Double?
        var requests = 0
        var errors = 0
    }

    mutating func add(_ samples: [String: [Double]], side: Side, metrics: [MetricSpec], limit: Int) {
        guard !samples.isEmpty else { return }
        if canarySeries.count != metrics.count {
            canarySeries = Array(repeating: [], count: metrics.count)
            baselineSeries = canarySeries
        }
        for (position, metric) in metrics.enumerated() {
            guard let raw = samples[metric.name], !raw.isEmpty else { continue }
            // Cleaned on arrival: NaN would make the state unequal to itself and unencodable as JSON.
            let values = raw.contains(where: \.isNaN) ? CanaryJudge.cleaned(raw, metric.missingValues) : raw
            switch side {
            case .canary: Self.append(values, to: &canarySeries[position], limit: limit, dropped: &dropped)
            case .stable: Self.append(values, to: &baselineSeries[position], limit: limit, dropped: &dropped)
            }
        }
    }

    /// Sums a window's counts and, once `seconds` are covered, adds their error ratio as one
    /// datapoint of the metric at `position`. An interval without requests adds nothing: no
    /// traffic is no evidence either way.
    mutating func addErrorRate(from window: MetricWindow, side: Side, position: Int, metricCount: Int, seconds: Double, limit: Int) {
        if canarySeries.count != metricCount {
            canarySeries = Array(repeating: [], count: metricCount)
            baselineSeries = canarySeries
        }
        var pending = pendingCounts[side]
        let end = window.end.timeIntervalSinceReferenceDate
        let since = pending.since ?? window.start.timeIntervalSinceReferenceDate
        pending.since = since
        pending.requests += window.requests
        pending.errors += window.errors
        if end - since >= seconds {
            if pending.requests > 0 {
                let ratio = [Double(pending.errors) / Double(pending.requests)]
                switch side {
                case .canary: Self.append(ratio, to: &canarySeries[position], limit: limit, dropped: &dropped)
                case .stable: Self.append(ratio, to: &baselineSeries[position], limit: limit, dropped: &dropped)
                }
            }
            pending = PendingCounts(since: end)
        }
        pendingCounts[side] = pending
    }

    mutating func reset() {
        self = StepEvidence()
    }

    /// The newest `limit` datapoints of each metric on one side, by metric name, for the judge.
    func series(_ side: Side, metrics: [MetricSpec], limit: Int) -> [String: [Double]] {
        let kept = side == .canary ? canarySeries : baselineSeries
        var byName: [String: [Double]] = [:]
        for (position, values) in kept.enumerated() where position < metrics.count {
            byName[metrics[position].name] = values.count > limit ? Array(values.suffix(limit)) : values
        }
        return byName
    }

    /// Per metric in the policy's order, this side's datapoints as the judge would take them
    /// (at most `limit`), with the newest `recent` of them for display.
    func datapoints(_ side: Side, metrics: [MetricSpec], limit: Int, recent: Int) -> [Datapoints] {
        let kept = side == .canary ? canarySeries : baselineSeries
        return metrics.indices.map { position in
            let values = position < kept.count ? kept[position] : []
            return Datapoints(count: min(values.count, limit), recent: Array(values.suffix(min(recent, limit))))
        }
    }

    private static func append(_ values: [Double], to series: inout [Double], limit: Int, dropped: inout Int) {
        series.append(contentsOf: values)
        // Trim in chunks so a steady stream costs amortized O(1) per datapoint.
        if series.count > limit + limit / 4 {
            let excess = series.count - limit
            series.removeFirst(excess)
            dropped += excess
        }
    }
}
