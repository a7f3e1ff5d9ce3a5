import CygniModel
import Foundation

/// What time and health move forward: provisioning, shifting, baking, promoting, rolling back.
extension EngineState {
    /// Takes every transition the current facts allow; one input can carry a rollout several
    /// phases forward (a healthy fleet both passes the gate and receives its traffic).
    mutating func progress(_ out: inout StepOutput) {
        for _ in 0..<(steps.count * 3 + 8) {
            guard !phase.isTerminal, progressOnce(&out) else { return }
        }
    }

    /// Takes at most one transition; false when the rollout must wait.
    private mutating func progressOnce(_ out: inout StepOutput) -> Bool {
        switch phase {
        case .pending: return beginProvisioning(&out)
        case .provisioning: return provisioning(&out)
        case .shifting: return shifting(&out)
        case .baking: return baking(&out)
        case .promoting: return promoting(&out)
        case .rollingBack: return rollingBack(&out)
        case .paused, .succeeded, .rolledBack, .failed: return false
        }
    }

    private mutating func beginProvisioning(_ out: inout StepOutput) -> Bool {
        if case .recreate = plan.strategy {
            // Recreate stops the old version before starting the new one: downtime by design.
            resize(stable, to: 0, &out)
        }
        growCanary(to: steps[0], &out)
        let tasks = steps[0].canaryTasks
        enter(.provisioning, action: "provision", reason: "\(canary): \(tasks) \(tasks == 1 ? "task" : "tasks")", &out)
        return true
    }

    private mutating func provisioning(_ out: inout StepOutput) -> Bool {
        let wanted = steps[0].canaryTasks
        guard isHealthy(canary, wanted) else {
            return rollBackOnTimeout("\(canary) not healthy", wanted: wanted, &out)
        }
        if case .blueGreen(let parameters) = plan.strategy, let hookName = parameters.preTrafficHook, hook != .passed {
            guard hook == .none else {
                return rollBackOnTimeout("pre-traffic hook \(hookName) did not finish", wanted: nil, &out)
            }
            hook = .requested
            out.commands.append(.runHook(name: hookName, version: canary))
            note(.healthGate, .info, "\(canary) healthy; running pre-traffic hook \(hookName)", &out)
            return false
        }
        note(.healthGate, .ok, "\(canary) passed the health gate (\(fleets.fleet(canary).healthy)/\(wanted) healthy)", &out)
        if steps.count == 1 {
            enterPromoting(reason: "single step plan", &out)
        } else {
            enterStep(0, &out)
        }
        return true
    }

    private mutating func shifting(_ out: inout StepOutput) -> Bool {
        let step = steps[stepIndex]
        guard isHealthy(canary, step.canaryTasks) else {
            return rollBackOnTimeout("\(canary) not healthy at step \(stepIndex + 1)", wanted: step.canaryTasks, &out)
        }
        let before = traffic
        setWeights(TrafficSplit(canary: step.canaryWeight), &out)
        // Rolling replaces tasks: the old ones stop only once the new ones serve.
        resize(stable, to: step.stableTasks, &out)
        thresholdInterval = ThresholdInterval(start: out.now.timeIntervalSinceReferenceDate)
        enter(.baking, action: "shift", reason: "bake \(Int(step.bake)) s", &out, trafficBefore: before)
        return true
    }

    private mutating func baking(_ out: inout StepOutput) -> Bool {
        let step = steps[stepIndex]
        guard hasRunLonger(than: step.bake, at: out.now) else { return false }
        if step.analyze {
            guard judgeStep(isLast: isLastJudgedStep, &out) else { return true }
        }
        if stepIndex + 1 < steps.count - 1 {
            enterStep(stepIndex + 1, &out)
        } else {
            enterPromoting(reason: "all steps passed", &out)
        }
        return true
    }

    private mutating func promoting(_ out: inout StepOutput) -> Bool {
        let final = finalStep
        guard let switchedAt else {
            guard isHealthy(canary, final.canaryTasks) else {
                return rollBackOnTimeout("\(canary) not healthy at full size", wanted: final.canaryTasks, &out)
            }
            setWeights(.allCanary, &out)
            resize(stable, to: final.stableTasks, &out)
            self.switchedAt = out.now
            thresholdInterval = ThresholdInterval(start: out.now.timeIntervalSinceReferenceDate)
            note(.phase, .ok, "100% of traffic on \(canary)", &out)
            return true
        }
        var hold = final.bake
        if case .blueGreen(let parameters) = plan.strategy { hold += parameters.rollbackWindow }
        guard out.now.timeIntervalSince(switchedAt) >= hold else { return false }
        delete(stable, &out)
        reason = nil
        enter(.succeeded, action: "succeed", reason: "\(canary) serves all traffic; \(stable) removed", &out)
        return true
    }

    private mutating func rollingBack(_ out: inout StepOutput) -> Bool {
        let wanted = plan.fleet.desiredCount
        if isHealthy(stable, wanted) {
            delete(canary, &out)
            // The state keeps the rollback's reason; this entry says how it ended.
            enter(.rolledBack, action: "rolled-back", reason: "\(stable) serves all traffic; \(canary) removed", &out)
            return true
        }
        guard hasRunLonger(than: plan.healthGate.timeout, at: out.now) else { return false }
        let healthy = fleets.fleet(stable).healthy
        delete(canary, &out)
        let why = "\(stable) did not recover: \(healthy)/\(wanted) tasks healthy after \(Int(plan.healthGate.timeout)) s; rollback reason was: \(reason ?? "none")"
        reason = why
        enter(.failed, action: "fail", reason: why, &out)
        return true
    }

    /// Restarts failed tasks whose backoff has passed, unless their fleet is going away.
    mutating func restartDueTasks(_ out: inout StepOutput) {
        for restart in healing.takeDueRestarts(at: out.now) {
            let fleet = fleets.fleet(restart.version)
            let retiring = restart.version == canary && (phase == .rollingBack || phase.isTerminal)
            guard fleet.exists, fleet.desired > 0, !retiring else { continue }
            out.commands.append(.replaceTask(version: restart.version, taskID: restart.taskID))
        }
    }

    // MARK: - Helpers

    func isHealthy(_ version: String, _ desired: Int) -> Bool {
        fleets.fleet(version).healthy >= plan.healthGate.required(of: desired)
    }

    private var isLastJudgedStep: Bool {
        !steps[(stepIndex + 1)..<(steps.count - 1)].contains(where: \.analyze)
    }

    /// Rolls back once the phase has waited past the health gate's timeout; false while it may still wait.
    private mutating func rollBackOnTimeout(_ what: String, wanted: Int?, _ out: inout StepOutput) -> Bool {
        guard hasRunLonger(than: plan.healthGate.timeout, at: out.now) else { return false }
        var why = "\(what) after \(Int(plan.healthGate.timeout)) s"
        if let wanted { why += ": \(fleets.fleet(canary).healthy)/\(wanted) tasks healthy" }
        rollBack(action: "auto-rollback", reason: why, &out)
        return true
    }

    /// Judges the step; true when the rollout may move on.
    private mutating func judgeStep(isLast: Bool, _ out: inout StepOutput) -> Bool {
        let policy = plan.analysis
        let canarySeries = evidence.series(.canary, metrics: policy.metrics, limit: policy.maximumSamples)
        let baselineSeries = evidence.series(.stable, metrics: policy.metrics, limit: policy.maximumSamples)
        let judgement = CanaryJudge.judge(canary: canarySeries, baseline: baselineSeries, policy: policy, step: stepIndex, at: out.now)
        judgements.append(judgement)
        judgedDatapoints = PerSide(
            stable: baselineSeries.mapValues { Array($0.suffix(RolloutAnalysis.recentDatapoints)) },
            canary: canarySeries.mapValues { Array($0.suffix(RolloutAnalysis.recentDatapoints)) })
        verdict = judgement.verdict
        let where_ = "step \(stepIndex + 1) (\(steps[stepIndex].canaryWeight)%)"
        let severity: TimelineEvent.Severity = switch judgement.verdict {
        case .pass: .ok
        case .marginal, .inconclusive: .warning
        case .fail, .none: .error
        }
        note(.analysis, severity, "analysis \(judgement.verdict.rawValue) at \(where_): \(judgement.reason)", &out)
        switch judgement.verdict {
        case .pass, .none:
            return true
        case .marginal where !isLast:
            return true
        case .marginal:
            rollBack(action: "auto-rollback", reason: "last canary analysis only marginal at \(where_): \(judgement.reason)", &out)
            return false
        case .fail:
            rollBack(action: "auto-rollback", reason: "canary analysis failed at \(where_): \(judgement.reason)", &out)
            return false
        case .inconclusive:
            pauseRollout(
                actor: Self.engineActor,
                reason: "analysis inconclusive at \(where_): \(judgement.reason); resume to bake again, or promote or roll back",
                inconclusive: true, &out
            )
            return false
        }
    }
}
