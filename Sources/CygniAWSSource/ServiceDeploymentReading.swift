import CygniAWS
import CygniModel
import Foundation

/// How a deployment ECS runs itself (strategy BLUE_GREEN, LINEAR or CANARY) reads as a rollout:
/// - the phase from ECS's status and lifecycle stage (a PAUSE hook awaiting action is `paused`);
/// - the split from the production weights ECS asked for the target revision;
/// - the plan from the linear or canary configuration and the bake time, with ECS's defaults;
/// - the verdict from ECS's own judges, the circuit breaker and the alarms.
/// Everything ECS said is also kept as it said it, in `Rollout.ecsDeployment`.
public enum ServiceDeploymentReading {
    static func rollout(
        _ observed: ObservedService, _ deployment: ECSServiceDeployment, versions: [String: String], region: String, now: Date
    ) -> Rollout {
        let report = self.report(deployment, fallback: observed.service.deploymentConfiguration, versions: versions)
        let weight = report.revision(.target)?.productionWeight ?? 0
        let phase = phase(deployment)
        let step = step(weight: weight, plan: report.plan)
        let started = deployment.startedAt ?? deployment.createdAt ?? now
        let updated = deployment.updatedAt ?? deployment.finishedAt ?? started
        return Rollout(
            id: AWSRolloutID(cluster: observed.cluster, service: observed.service.name, newSide: deployment.id).text,
            service: observed.service.name, environment: observed.cluster, region: region, strategy: strategy(report.strategy), phase: phase,
            fromVersion: report.revision(.source)?.version ?? "—", toVersion: report.revision(.target)?.version ?? "—",
            traffic: TrafficSplit(canary: Int(weight.rounded())), step: step, steps: report.plan.map { Int($0.percent.rounded()) },
            verdict: verdict(report), reason: reason(report), startedAt: started, updatedAt: updated,
            phases: [PhaseRecord(phase: phase, step: step, start: updated)], events: RolloutReading.events(observed.service),
            ecsDeployment: report,
            analysisNote: "ECS runs this deployment: its alarms and circuit breaker decide, and no engine's judgements of it are kept here"
        )
    }

    /// ECS's words for `deployment`; `versions` names revisions by ARN.
    public static func report(_ deployment: ECSServiceDeployment, fallback: ECSDeploymentConfiguration?, versions: [String: String]) -> ECSDeploymentReport {
        let configuration = deployment.configuration ?? fallback
        func revision(_ summary: ECSServiceRevisionSummary, _ role: ECSDeploymentReport.Revision.Role) -> ECSDeploymentReport.Revision {
            ECSDeploymentReport.Revision(
                role: role, arn: summary.arn, version: versions[summary.arn] ?? "revision " + (summary.arn.split(separator: "/").last.map(String.init) ?? "?"),
                productionWeight: summary.productionTrafficWeight, testWeight: summary.testTrafficWeight,
                runningTasks: summary.runningTaskCount, requestedTasks: summary.requestedTaskCount, pendingTasks: summary.pendingTaskCount)
        }
        // Of several source revisions (a deployment that replaced one under way), the one with
        // most production traffic is where traffic goes back to.
        let source = deployment.sourceRevisions.max { $0.productionTrafficWeight < $1.productionTrafficWeight }
        func monitor(_ monitor: ECSRollbackMonitor?) -> ECSDeploymentReport.Monitor? {
            monitor.map {
                ECSDeploymentReport.Monitor(
                    status: $0.status, failureCount: $0.failureCount, threshold: $0.threshold, alarmNames: $0.alarmNames,
                    triggeredAlarmNames: $0.triggeredAlarmNames)
            }
        }
        return ECSDeploymentReport(
            arn: deployment.arn, strategy: configuration?.strategy ?? "BLUE_GREEN", status: deployment.status, statusReason: deployment.statusReason,
            lifecycleStage: deployment.lifecycleStage, plan: configuration.map(\.productionShifts) ?? [ECSDeploymentReport.Shift(percent: 100, bakeMinutes: 0)],
            revisions: (source.map { [revision($0, .source)] } ?? []) + (deployment.targetRevision.map { [revision($0, .target)] } ?? []),
            hooks: deployment.hooks.map {
                ECSDeploymentReport.Hook(id: $0.hookID, targetType: $0.targetType, status: $0.status, expiresAt: $0.expiresAt, timeoutAction: $0.timeoutAction)
            },
            pauseStages: configuration?.pauseStages ?? [], circuitBreaker: monitor(deployment.circuitBreaker), alarms: monitor(deployment.alarms),
            rollback: deployment.rollback.map { ECSDeploymentReport.Rollback(reason: $0.reason, startedAt: $0.startedAt, revisionARN: $0.revisionARN) }
        )
    }

    static func phase(_ deployment: ECSServiceDeployment) -> Phase {
        switch deployment.status {
        case "PENDING": return .pending
        case "SUCCESSFUL": return .succeeded
        case "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS": return .rollingBack
        case "ROLLBACK_SUCCESSFUL": return .rolledBack
        case "STOPPED", "ROLLBACK_FAILED": return .failed
        default: break
        }
        if deployment.hooks.contains(where: \.isAwaitingAction) { return .paused }
        switch deployment.lifecycleStage {
        case "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT": return .shifting
        case "BAKE_TIME": return .baking
        case "CLEAN_UP": return .promoting
        default: return .provisioning
        }
    }

    static func strategy(_ name: String) -> Strategy {
        switch name {
        case "LINEAR": return .linear
        case "CANARY": return .canary
        default: return .blueGreen
        }
    }

    /// The step of the plan the new revision's weight has reached: the first shift at or above
    /// it (0 before any traffic has moved).
    static func step(weight: Double, plan: [ECSDeploymentReport.Shift]) -> Int {
        guard weight > 0 else { return 0 }
        return plan.firstIndex { $0.percent >= weight - 0.05 } ?? max(0, plan.count - 1)
    }

    /// ECS judges its own deployments by the circuit breaker and the alarms: a triggered one is a
    /// fail; a deployment that ended with them watching to the end passed.
    static func verdict(_ report: ECSDeploymentReport) -> Verdict {
        let monitors = [report.circuitBreaker, report.alarms].compactMap { $0 }
        if monitors.contains(where: { $0.status == "TRIGGERED" }) { return .fail }
        if report.status == "SUCCESSFUL", monitors.contains(where: { $0.status == "MONITORING_COMPLETE" }) { return .pass }
        return .none
    }

    static func reason(_ report: ECSDeploymentReport) -> String? {
        if let rollback = report.rollback?.reason { return rollback }
        if let hook = report.waitingHook {
            let stage = report.lifecycleStage.map { " at \($0)" } ?? ""
            let expiry = hook.timeoutAction.map { "; when the hook expires ECS will \($0 == "CONTINUE" ? "continue" : "roll back")" } ?? ""
            return "held by a PAUSE lifecycle hook\(stage): resume continues it, rollback rolls it back\(expiry)"
        }
        if let triggered = report.alarms?.triggeredAlarmNames, !triggered.isEmpty {
            return "alarm \(triggered.joined(separator: ", ")) triggered"
        }
        return report.statusReason
    }
}
