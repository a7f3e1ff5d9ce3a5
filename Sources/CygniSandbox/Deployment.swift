import CygniModel
import Foundation

/// A service in one region: one lane normally, two while a rollout runs (stable first).
struct Deployment: Equatable, Sendable {
    let spec: ServiceSpec
    let region: Region
    var lanes: [VersionLane]
    /// Share of requests, 0-100, sent to the second lane.
    var canaryWeight = 0
    /// A slow random walk around the daily curve, so two regions never look identical.
    private var wobble = 0.0
    /// Latency samples cost time; only deployments shown in a rollout keep them.
    var tracksLatency = false

    init(spec: ServiceSpec, region: Region, lanes: [VersionLane]) {
        self.spec = spec
        self.region = region
        self.lanes = lanes
    }

    var service: String { spec.name }

    func weight(ofLane index: Int) -> Int {
        guard lanes.count > 1 else { return 100 }
        return index == 0 ? 100 - canaryWeight : canaryWeight
    }

    func laneIndex(of version: String) -> Int? {
        lanes.firstIndex { $0.version == version }
    }

    /// Errors every lane suffers because of a flaw in one of them (a shared pool exhausted).
    var sharedErrorRate: Double {
        lanes.map { $0.profile.sharedErrorRate(atWeight: canaryWeight) }.max() ?? 0
    }

    /// One second of traffic. `killed` counts healthy tasks per lane that died this second.
    mutating func serve(
        second: Int, time: Date, killed: [Int], rng: inout SeededGenerator
    ) -> [LaneSecond] {
        wobble = max(-0.15, min(0.15, 0.995 * wobble + 0.01 * rng.normal()))
        let rate = TrafficCurve.requestsPerSecond(spec, at: time, in: region) * (1 + wobble)
        let shared = sharedErrorRate
        var result: [LaneSecond] = []
        for index in lanes.indices {
            let share = Double(weight(ofLane: index)) / 100
            var outcome = LaneSecond()
            outcome.requests = rng.poisson(rate * share)
            // Read what is needed, not the whole lane: a copy would force its buffers to be copied
            // on the next append.
            let profile = lanes[index].profile
            let healthy = lanes[index].fleet.healthyCount(at: second)
            if outcome.requests > 0, healthy == 0 {
                outcome.errors = outcome.requests
                outcome.noHealthyTargets = true
            } else if outcome.requests > 0 {
                let errorRate = min(1, profile.errorRate + shared)
                let lost = index < killed.count ? killed[index] * outcome.requests / max(1, healthy + killed[index]) : 0
                outcome.errors = min(outcome.requests, rng.binomial(outcome.requests, errorRate) + lost)
                outcome.slow = rng.binomial(outcome.requests, profile.slowShare)
            }
            if tracksLatency, outcome.requests > 0, !outcome.noHealthyTargets {
                for _ in 0..<VersionMetrics.latencySamplesPerSecond {
                    lanes[index].metrics.recordLatency(
                        rng.logNormal(median: profile.latencyMedianMilliseconds, sigma: profile.latencySigma))
                }
            }
            lanes[index].metrics.record(requests: outcome.requests, errors: outcome.errors, slow: outcome.slow)
            result.append(outcome)
        }
        return result
    }
}
