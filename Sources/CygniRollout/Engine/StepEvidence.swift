/// The datapoints of the current step, per metric, for the canary and its baseline.
struct StepEvidence: Equatable, Sendable, Codable {
    private(set) var canary: [String: [Double]] = [:]
    private(set) var baseline: [String: [Double]] = [:]
    /// Datapoints let go to stay within the policy's maximum.
    private(set) var dropped = 0

    mutating func add(_ samples: [String: [Double]], canarySide: Bool, metrics: [MetricSpec], limit: Int) {
        for metric in metrics {
            // Cleaned on arrival: NaN would make the state unequal to itself and unencodable as JSON.
            guard let raw = samples[metric.name], !raw.isEmpty else { continue }
            let values = CanaryJudge.cleaned(raw, metric.missingValues)
            if canarySide {
                Self.append(values, to: &canary[metric.name, default: []], limit: limit, dropped: &dropped)
            } else {
                Self.append(values, to: &baseline[metric.name, default: []], limit: limit, dropped: &dropped)
            }
        }
    }

    mutating func reset() {
        self = StepEvidence()
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

    func trimmed(_ side: [String: [Double]], limit: Int) -> [String: [Double]] {
        side.mapValues { $0.count > limit ? Array($0.suffix(limit)) : $0 }
    }
}
