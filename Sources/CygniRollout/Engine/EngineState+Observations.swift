import CygniModel
import Foundation

/// What the engine makes of what the provider saw: failed tasks, metrics, SLO burn, hooks.
extension EngineState {
    mutating func observe(_ events: [TaskEvent], _ out: inout StepOutput) {
        for event in events {
            guard let failure = TaskFailure(event), event.version == canary || event.version == stable else { continue }
            var detail = failure.summary
            if let reason = event.stoppedReason, !reason.isEmpty { detail += ": \(reason)" }
            if let code = event.exitCode, !detail.contains("code \(code)") { detail += " (exit \(code))" }
            guard let inWindow = healing.record(
                HealingRecord.Failure(taskID: event.taskID, time: event.time, failure: failure, detail: detail),
                version: event.version, policy: plan.healing
            ) else { continue }
            note(.taskFailure, .warning, "\(event.version) task \(event.taskID) \(detail)", &out)
            recommendMemoryIfNeeded(event.version, &out)
            guard event.version == canary, phase != .rollingBack, !phase.isTerminal else { continue }
            if inWindow >= plan.healing.crashLoopFailures {
                let minutes = Int((plan.healing.crashLoopWindow / 60).rounded())
                rollBack(action: "auto-rollback", reason: "\(canary) is crash-looping: \(inWindow) task failures within \(minutes) min (last: \(detail))", &out)
            } else if case .rolling(let parameters) = plan.strategy, parameters.circuitBreaker {
                let threshold = RollingParameters.circuitBreakerThreshold(desiredCount: plan.fleet.desiredCount)
                let total = healing.totalFailures[canary] ?? 0
                if total >= threshold {
                    rollBack(action: "circuit-breaker", reason: "deployment circuit breaker: \(total) failed tasks of \(canary) (threshold \(threshold); last: \(detail))", &out)
                }
            }
        }
    }

    mutating func observe(_ window: MetricWindow, _ out: inout StepOutput) {
        let side = side(of: window.version)
        if let side {
            var summary = window
            summary.samples = [:]
            lastWindows[side] = summary
            let seconds = window.end.timeIntervalSince(window.start)
            if seconds > 0 {
                switch side {
                case .stable: Self.appendRate(Double(window.requests) / seconds, to: &requestRateHistory.stable)
                case .canary: Self.appendRate(Double(window.requests) / seconds, to: &requestRateHistory.canary)
                }
            }
        }
        burn.record(window, side: side, at: out.now)
        if phase == .baking {
            // The baseline is the stable side unless the plan names a separate baseline fleet.
            let evidenceSide: Side? = window.version == canary ? .canary
                : window.version == (plan.analysis.baselineVersion ?? stable) ? .stable : nil
            if let evidenceSide {
                let policy = plan.analysis
                evidence.add(window.samples, side: evidenceSide, metrics: policy.metrics, limit: policy.maximumSamples)
                if let seconds = policy.errorRateDatapointSeconds, window.samples[MetricSpec.errorRate.name] == nil,
                   let position = policy.metrics.firstIndex(where: { $0.name == MetricSpec.errorRate.name }) {
                    evidence.addErrorRate(from: window, side: evidenceSide, position: position, metricCount: policy.metrics.count, seconds: seconds, limit: policy.maximumSamples)
                }
            }
        }
        if side == .canary { checkThresholds(window, &out) }
        if phase != .rollingBack, !phase.isTerminal { checkBurn(&out) }
    }

    mutating func hookFinished(_ name: String, _ succeeded: Bool, _ detail: String?, _ out: inout StepOutput) {
        guard phase == .provisioning, hook == .requested else { return }
        let suffix = detail.map { ": \($0)" } ?? ""
        if succeeded {
            hook = .passed
            note(.healthGate, .ok, "pre-traffic hook \(name) passed\(suffix)", &out)
        } else {
            rollBack(action: "auto-rollback", reason: "pre-traffic hook \(name) failed\(suffix)", &out)
        }
    }

    // MARK: - Threshold checks

    private mutating func checkThresholds(_ window: MetricWindow, _ out: inout StepOutput) {
        guard let policy = plan.analysis.thresholds, traffic.canary > 0, phase == .baking || phase == .promoting,
              var interval = thresholdInterval else { return }
        interval.add(window)
        let now = out.now.timeIntervalSinceReferenceDate
        guard now - interval.start >= policy.interval else {
            thresholdInterval = interval
            return
        }
        thresholdInterval = ThresholdInterval(start: now)
        lastThresholdCheck = interval
        guard let failure = interval.failure(against: policy) else { return }
        failedChecks += 1
        note(.analysis, .warning, "threshold check failed (\(failedChecks)/\(policy.failureLimit)): \(failure)", &out)
        if failedChecks >= policy.failureLimit {
            rollBack(action: "auto-rollback", reason: "\(failedChecks) threshold checks failed on \(canary); last: \(failure)", &out)
        }
    }

    // MARK: - SLO burn

    /// Rolls back when a page-level burn is firing and the new version explains it: the new
    /// version alone burns past the threshold while the stable one stays under it.
    private mutating func checkBurn(_ out: inout StepOutput) {
        guard traffic.canary > 0 || phase == .promoting, burn.firstPageFiring != nil else { return }
        for index in burn.service.indices {
            guard let page = burn.service[index].firingPage else { continue }
            let policy = burn.service[index].policy
            let name = policy.name
            let canaryBurn = burn.sideBurn(.canary, slo: index, pair: page.windows)
            let stableBurn = burn.sideBurn(.stable, slo: index, pair: page.windows)
            let objective = String(format: "%g%%", policy.objective * 100)
            let summary = "SLO \(name) (\(objective)) burning at \(rate(page.short))x over \(page.windows) (page at \(rate(page.threshold))x); \(canary) alone \(rate(canaryBurn))x, \(stable) \(rate(stableBurn))x"
            let explained = canaryBurn >= page.threshold && stableBurn < page.threshold
            if explained, plan.rollBackOnBurn {
                rollBack(action: "auto-rollback", reason: summary, &out)
                return
            }
            guard !burn.reported.contains(name) else { continue }
            burn.reported.insert(name)
            let why = explained ? "automatic rollback is off" : "not explained by \(canary)"
            note(.analysis, .error, "\(summary); \(why)", &out)
        }
    }

    /// Keeps the last 60-90 request rates, in place (no copy of the history per window).
    private static func appendRate(_ rate: Double, to history: inout [Double]) {
        history.append(rate)
        if history.count > 90 { history.removeFirst(30) }
    }

    private func rate(_ value: Double) -> String {
        value >= 10 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    private mutating func recommendMemoryIfNeeded(_ version: String, _ out: inout StepOutput) {
        let kills = healing.oomKills[version] ?? 0
        guard kills >= plan.healing.oomKillsBeforeRecommendation, recommendation?.version != version else { return }
        let advice = MemoryRecommendation.after(oomKills: kills, version: version, fleet: plan.fleet)
        recommendation = advice
        note(.info, .warning, "recommendation: \(advice.summary)", &out)
    }
}
