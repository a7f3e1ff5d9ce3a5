import CygniModel

/// What a side did over a bake.
struct BakeSample: Equatable, Sendable {
    var requests: Int
    var errors: Int
    var p99Milliseconds: Double?

    var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : 0 }
}

struct Judgement: Equatable, Sendable {
    var verdict: Verdict
    var summary: String
}

/// A small stand-in for Kayenta-style analysis: the 5xx rate is a critical metric (worse means
/// fail), p99 latency a plain one (worse means marginal). With a stable side that takes traffic the
/// canary is compared to it; without one (blue-green, the 100% step) fixed thresholds apply, as
/// Flagger and Argo do.
struct CanaryJudge: Sendable {
    var minimumRequests = 50
    /// Fewer errors than this never fail a canary: a handful of 5xx is noise, not a regression.
    var minimumErrors = 10
    var latencyTolerance = 1.25
    var latencySlackMilliseconds = 25.0
    var maximumErrorRate = 0.01
    var maximumP99Milliseconds = 500.0

    func judge(stable: BakeSample, canary: BakeSample) -> Judgement {
        guard canary.requests >= minimumRequests else {
            return Judgement(verdict: .inconclusive, summary: "only \(canary.requests) requests on the new version")
        }
        let comparative = stable.requests >= minimumRequests
        let errorsHigh: Bool
        var latencyHigh = false
        let canaryP99 = canary.p99Milliseconds ?? 0
        if comparative {
            errorsHigh = canary.errors >= minimumErrors
                && canary.errorRate - stable.errorRate > max(0.005, stable.errorRate)
            if let stableP99 = stable.p99Milliseconds {
                latencyHigh = canaryP99 > stableP99 * latencyTolerance + latencySlackMilliseconds
            }
        } else {
            errorsHigh = canary.errors >= minimumErrors && canary.errorRate > maximumErrorRate
            latencyHigh = canaryP99 > maximumP99Milliseconds
        }

        var summary = "5xx \(Format.percent(canary.errorRate)) on the new version"
        if comparative { summary += " vs \(Format.percent(stable.errorRate)) on stable" }
        summary += "; p99 \(Format.milliseconds(canaryP99))"
        if comparative, let stableP99 = stable.p99Milliseconds { summary += " vs \(Format.milliseconds(stableP99))" }
        if !comparative { summary += " (thresholds: 5xx ≤ 1%, p99 ≤ \(Int(maximumP99Milliseconds)) ms)" }

        if errorsHigh { return Judgement(verdict: .fail, summary: summary) }
        if latencyHigh { return Judgement(verdict: .marginal, summary: summary) }
        return Judgement(verdict: .pass, summary: summary)
    }
}
