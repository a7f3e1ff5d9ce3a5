import CygniModel
import CygniTerminal
import Foundation

/// The lines that tell what ECS says of a deployment it runs itself, for the Timeline's detail
/// and the Traffic pane: where it is (as ECS words it) and its plan, the PAUSE hook holding it
/// with its expiry counting down, and ECS's own judges (circuit breaker, alarms).
struct ECSDeploymentLines {
    let report: ECSDeploymentReport
    let step: Int
    let theme: Theme
    let now: Date

    var all: [StyledLine] {
        [stage, hook, monitors].compactMap { $0 }
    }

    /// "ECS IN_PROGRESS · BAKE_TIME · canary 10% baking 10m → 100% baking 15m · step 1/2"
    var stage: StyledLine {
        var spans = [StyledSpan("ECS ", theme[.muted]), StyledSpan(Sanitizer.clean(report.status), statusStyle)]
        if let stage = report.lifecycleStage { spans += [StyledSpan(" · ", theme[.muted]), StyledSpan(Sanitizer.clean(stage), theme[.accent])] }
        spans += [StyledSpan(" · ", theme[.muted]), StyledSpan(Self.plan(report), theme[.text])]
        if report.plan.count > 1 { spans.append(StyledSpan(" · step \(min(step + 1, report.plan.count))/\(report.plan.count)", theme[.muted])) }
        return StyledLine(spans)
    }

    /// The PAUSE hook holding the deployment, if one is: "hook PAUSE awaiting action · expires
    /// in 12m04s, then ROLLBACK".
    var hook: StyledLine? {
        guard let hook = report.waitingHook else { return nil }
        var spans = [StyledSpan("hook ", theme[.muted]), StyledSpan("PAUSE awaiting action", theme[.warn])]
        if let expiry = hook.expiresAt {
            let left = expiry.timeIntervalSince(now)
            let when = left >= 0 ? "expires in \(Format.duration(left))" : "expired \(Format.duration(-left)) ago"
            spans.append(StyledSpan(" · \(when)", left < 300 ? theme[.warn] : theme[.text]))
        }
        if let action = hook.timeoutAction { spans.append(StyledSpan(", then \(Sanitizer.clean(action))", theme[.text])) }
        return StyledLine(spans)
    }

    /// "circuit breaker MONITORING 0/3 · alarms MONITORING checkout-5xx", nil when both are off.
    var monitors: StyledLine? {
        var spans: [StyledSpan] = []
        if let breaker = report.circuitBreaker, breaker.status != "DISABLED" {
            let count = breaker.failureCount.map { count in " \(count)/\(breaker.threshold.map(String.init) ?? "?") failed tasks" } ?? ""
            spans += [StyledSpan("circuit breaker ", theme[.muted]), StyledSpan(Sanitizer.clean(breaker.status) + count, monitorStyle(breaker))]
        }
        if let alarms = report.alarms, alarms.status != "DISABLED" {
            if !spans.isEmpty { spans.append(StyledSpan(" · ", theme[.muted])) }
            let names = alarms.triggeredAlarmNames.isEmpty ? alarms.alarmNames : alarms.triggeredAlarmNames
            spans += [
                StyledSpan("alarms ", theme[.muted]), StyledSpan(Sanitizer.clean(alarms.status), monitorStyle(alarms)),
                StyledSpan(names.isEmpty ? "" : " " + Sanitizer.clean(names.joined(separator: ", ")), theme[.text]),
            ]
        }
        return spans.isEmpty ? nil : StyledLine(spans)
    }

    /// The plan in words: "canary 10% baking 10m → 100% baking 15m", "linear 4 steps of 25%
    /// baking 3m → 100% baking 2m", "all at once → 100% baking 15m".
    static func plan(_ report: ECSDeploymentReport) -> String {
        guard let last = report.plan.last else { return "no plan" }
        let final = "100% " + baking(last.bakeMinutes)
        let steps = report.plan.dropLast()
        guard let first = steps.first else { return "all at once → \(final)" }
        let bake = baking(first.bakeMinutes)
        if report.strategy == "LINEAR" {
            return "linear \(steps.count) step\(steps.count == 1 ? "" : "s") of \(ECSDeploymentReport.percent(first.percent)) \(bake) → \(final)"
        }
        return "canary \(ECSDeploymentReport.percent(first.percent)) \(bake) → \(final)"
    }

    private static func baking(_ minutes: Int) -> String {
        minutes > 0 ? "baking \(Format.duration(Double(minutes) * 60))" : "no bake"
    }

    private var statusStyle: Style {
        switch report.status {
        case "SUCCESSFUL": return theme[.ok]
        case "ROLLBACK_FAILED", "STOPPED": return theme[.error]
        case "IN_PROGRESS", "PENDING": return theme[.accent]
        default: return theme[.warn]
        }
    }

    private func monitorStyle(_ monitor: ECSDeploymentReport.Monitor) -> Style {
        switch monitor.status {
        case "TRIGGERED": return theme[.error]
        case "MONITORING_COMPLETE": return theme[.ok]
        default: return theme[.text]
        }
    }
}
