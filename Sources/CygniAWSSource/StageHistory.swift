import CygniModel
import Foundation

/// What cx saw of a deployment ECS runs across its reads. ECS tells only where a deployment is
/// now, so the phases and the stage changes on the Timeline are the ones observed, oldest first,
/// each at the time ECS says it changed. Bounded: past `limit` the oldest go, and a line says
/// how many went.
struct StageHistory: Sendable {
    static let limit = 200

    private(set) var phases: [PhaseRecord] = []
    private(set) var events: [TimelineEvent] = []
    private var last: Snapshot?
    private var droppedEvents = 0

    /// The parts of a deployment whose change is worth a Timeline line.
    private struct Snapshot: Equatable {
        var status: String
        var stage: String?
        var weight: Double
        var waitingHook: String?
    }

    /// Notes what changed since the last read; the rollout's `phases` and `events` are not read.
    mutating func observe(_ rollout: Rollout) {
        guard let report = rollout.ecsDeployment else { return }
        let time = rollout.updatedAt
        let snapshot = Snapshot(
            status: report.status, stage: report.lifecycleStage, weight: report.revision(.target)?.productionWeight ?? 0,
            waitingHook: report.waitingHook?.id)
        if snapshot != last {
            append(TimelineEvent(time: time, kind: .phase, severity: Self.severity(report.status), message: Self.describe(report), actor: "ecs"))
            last = snapshot
        }
        if let current = phases.last, current.phase == rollout.phase, current.step == rollout.step { return }
        if !phases.isEmpty { phases[phases.count - 1].end = max(time, phases[phases.count - 1].start) }
        phases.append(PhaseRecord(phase: rollout.phase, step: rollout.step, start: time))
        if phases.count > Self.limit { phases.removeFirst(phases.count - Self.limit) }
    }

    /// The events to show: the kept ones, after a line counting those that were dropped.
    var shownEvents: [TimelineEvent] {
        guard droppedEvents > 0, let first = events.first else { return events }
        return [TimelineEvent(time: first.time, kind: .info, severity: .info, message: "\(droppedEvents) earlier ECS stage changes not kept", actor: "cx")] + events
    }

    private mutating func append(_ event: TimelineEvent) {
        events.append(event)
        if events.count > Self.limit {
            droppedEvents += events.count - Self.limit
            events.removeFirst(events.count - Self.limit)
        }
    }

    /// "ECS IN_PROGRESS · PRODUCTION_TRAFFIC_SHIFT · 1.5.0 at 10%", with the hook or the
    /// rollback's reason when there is one.
    static func describe(_ report: ECSDeploymentReport) -> String {
        var parts = ["ECS \(report.status)"]
        if let stage = report.lifecycleStage { parts.append(stage) }
        if let target = report.revision(.target) { parts.append("\(target.version) at \(ECSDeploymentReport.percent(target.productionWeight))") }
        var line = parts.joined(separator: " · ")
        if let hook = report.waitingHook {
            line += "; held by PAUSE hook \(hook.id)" + (hook.timeoutAction.map { " (\($0) when it expires)" } ?? "")
        } else if let reason = report.rollback?.reason ?? report.statusReason {
            line += ": \(reason)"
        }
        return line
    }

    private static func severity(_ status: String) -> TimelineEvent.Severity {
        switch status {
        case "SUCCESSFUL": return .ok
        case "ROLLBACK_FAILED": return .error
        case "STOP_REQUESTED", "STOPPED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL": return .warning
        default: return .info
        }
    }
}
