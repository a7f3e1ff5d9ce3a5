import CygniModel
import CygniTerminal
import Foundation

/// Rollouts, the phases of the selected one with start and duration, and its events in order.
struct TimelinePane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let active = state.rollouts.filter(\.isActive).count
        let rollouts = state.visibleRollouts
        var subtitle = state.rollouts.isEmpty ? "" : "\(active) active"
        if let query = state.listFilters[.timeline] { subtitle += " · /\(Sanitizer.clean(query)) \(rollouts.count) of \(state.rollouts.count)" }
        let inner = PaneFrame(
            pane: .timeline,
            subtitle: subtitle,
            rightTitle: state.zoomed ? "Esc back" : nil,
            error: state.rolloutsError,
            staleAge: state.staleAge(of: .rollouts, failing: state.rolloutsError != nil)
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        if state.rollouts.isEmpty {
            let text = state.rolloutsError == nil ? (state.lastRefresh == nil ? "loading…" : "no rollouts") : "rollouts unavailable"
            buffer.write(truncating: text, x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        let tableHeight = min(rollouts.count + 1, max(2, inner.height / 3))
        let parts = Layout.split(inner, .vertical, [.length(tableHeight), .length(1), .fill(1)])
        renderRollouts(into: &buffer, area: parts[0])
        guard let rollout = state.currentRollout else { return }
        renderDetail(rollout, into: &buffer, area: parts[2])
    }

    private func renderRollouts(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        // Narrow panes keep what identifies and judges a rollout; region and strategy go first.
        let compact = area.width < 80
        let rows: [[StyledSpan]] = state.visibleRollouts.map { rollout in
            var row = [StyledSpan(Sanitizer.clean(rollout.service), theme[.text])]
            if !compact {
                row.append(StyledSpan(Sanitizer.clean(rollout.region), theme[.muted]))
                row.append(StyledSpan(rollout.strategy.rawValue, theme[.muted]))
            }
            row += [
                StyledSpan(rollout.phase.rawValue, PhaseStyle.of(rollout.phase, theme)),
                // A source that does not know the plan (AWS without the engine) shows no step.
                StyledSpan(rollout.steps.isEmpty ? "—" : "\(min(rollout.step + 1, rollout.steps.count))/\(rollout.steps.count)", theme[.muted]),
                StyledSpan("\(rollout.traffic.stable)/\(rollout.traffic.canary)", theme[.text]),
                StyledSpan(rollout.verdict == .none ? "—" : rollout.verdict.rawValue, VerdictStyle.of(rollout.verdict, theme)),
            ]
            return row
        }
        var columns = [TableColumn("SERVICE", width: .min(10))]
        if !compact {
            columns.append(TableColumn("REGION", width: .length(10)))
            columns.append(TableColumn("STRATEGY", width: .length(9)))
        }
        columns += [
            TableColumn("PHASE", width: .length(11)),
            TableColumn("STEP", width: .length(4), alignment: .right),
            TableColumn("SPLIT", width: .length(7), alignment: .right),
            TableColumn("VERDICT", width: .length(12)),
        ]
        let visible = max(1, area.height - 1)
        Table(
            columns: columns,
            rows: rows,
            selected: state.selectedRollout,
            offset: Table.scrollOffset(selected: state.selectedRollout, offset: 0, visibleRows: visible, rowCount: rows.count),
            headerStyle: theme[.header],
            selectedStyle: theme[.selection]
        ).render(into: &buffer, area: area)
    }

    private func renderDetail(_ rollout: Rollout, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        var header: [StyledLine] = []
        let heading = "\(Sanitizer.clean(rollout.service)) \(Sanitizer.clean(rollout.fromVersion)) → \(Sanitizer.clean(rollout.toVersion))"
            + "  \(rollout.strategy.rawValue) · \(Sanitizer.clean(rollout.environment)) · \(Sanitizer.clean(rollout.region))"
            + "  started \(Format.clock(rollout.startedAt))"
        header.append(StyledLine(heading, theme[.title]))
        if let plan = planLine(rollout) { header.append(plan) }
        if let reason = rollout.reason {
            header.append(StyledLine([StyledSpan("reason ", theme[.muted]), StyledSpan(Sanitizer.clean(reason), VerdictStyle.of(rollout.verdict, theme))]))
        }
        if let report = rollout.ecsDeployment {
            header += ECSDeploymentLines(report: report, step: rollout.step, theme: theme, now: state.now ?? rollout.updatedAt).all
        }
        TextView(lines: header, wrap: true).render(into: &buffer, area: area)
        let headerRows = min(area.height, TextView.rowCount(of: header, width: area.width, wrap: true))
        let body = Rect(x: area.x, y: area.y + headerRows, width: area.width, height: area.height - headerRows)
        guard !body.isEmpty else { return }
        // Side by side when there is room: phases on the left, events on the right.
        let phasesArea: Rect
        let eventsArea: Rect
        if body.width >= 90 {
            let columns = Layout.split(body, .horizontal, [.length(40), .fill(1)], spacing: 2)
            phasesArea = columns[0]
            eventsArea = columns[1]
        } else {
            let phaseRows = min(rollout.phases.count, max(1, body.height / 2))
            let rows = Layout.split(body, .vertical, [.length(phaseRows), .fill(1)])
            phasesArea = rows[0]
            eventsArea = rows[1]
        }
        TextView(lines: Array(phaseLines(rollout).suffix(phasesArea.height))).render(into: &buffer, area: phasesArea)
        renderEvents(rollout, into: &buffer, area: eventsArea)
    }

    /// The plan's steps in order, each with its bake when the source knows it; the current
    /// step stands out, the ones behind it are muted.
    private func planLine(_ rollout: Rollout) -> StyledLine? {
        // A deployment ECS runs itself has its own line with ECS's plan.
        guard rollout.ecsDeployment == nil, rollout.steps.count > 1 || !rollout.bakes.isEmpty else { return nil }
        let theme = state.theme
        var spans = [StyledSpan("plan ", theme[.muted])]
        for (index, weight) in rollout.steps.enumerated() {
            if index > 0 { spans.append(StyledSpan(" → ", theme[.muted])) }
            let bake = rollout.bakes.indices.contains(index) && rollout.bakes[index] > 0 ? " " + Self.bake(rollout.bakes[index]) : ""
            let style: Style
            if rollout.phase == .succeeded || index < rollout.step {
                style = theme[.muted]
            } else if index == rollout.step && !rollout.phase.isTerminal {
                style = theme[.selection]
            } else {
                style = theme[.text]
            }
            spans.append(StyledSpan("\(weight)%\(bake)", style))
        }
        return StyledLine(spans)
    }

    /// "5m", "90s", "1h30m": how long a step holds, as short as it reads.
    static func bake(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total % 3_600 == 0 { return "\(total / 3_600)h" }
        if total >= 3_600 { return "\(total / 3_600)h\(total % 3_600 / 60)m" }
        if total % 60 == 0 { return "\(total / 60)m" }
        return total > 60 ? "\(total / 60)m\(total % 60)s" : "\(total)s"
    }

    private func phaseLines(_ rollout: Rollout) -> [StyledLine] {
        let theme = state.theme
        let now = state.now ?? rollout.updatedAt
        return rollout.phases.enumerated().map { index, record in
            let isCurrent = index == rollout.phases.count - 1 && !rollout.phase.isTerminal
            let end = record.end ?? now
            let stepText = record.phase == .shifting || record.phase == .baking
                ? " step \(record.step + 1)" + (rollout.steps.indices.contains(record.step) ? " (\(rollout.steps[record.step])%)" : "")
                : ""
            return StyledLine([
                StyledSpan(isCurrent ? "▶ " : "  ", theme[.accent]),
                StyledSpan(DisplayWidth.fit(record.phase.rawValue + stepText, to: 22), isCurrent ? theme[.selection] : PhaseStyle.of(record.phase, theme)),
                StyledSpan(" \(Format.clock(record.start)) ", theme[.muted]),
                StyledSpan(Format.duration(end.timeIntervalSince(record.start)) + (record.end == nil && !rollout.phase.isTerminal ? "…" : ""), theme[.text]),
            ])
        }
    }

    /// The newest events matter most: the tail that fits, or a scrolled window when zoomed.
    private func renderEvents(_ rollout: Rollout, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = state.theme
        buffer.write(truncating: "events (\(rollout.events.count))", x: area.x, y: area.y, width: area.width, style: theme[.header])
        let room = area.height - 1
        guard room > 0 else { return }
        let start = state.zoomed
            ? min(state.timelineScroll, max(0, rollout.events.count - room))
            : max(0, rollout.events.count - room)
        let lines = rollout.events.dropFirst(start).prefix(room).map { event in
            StyledLine([
                StyledSpan(Format.clock(event.time) + " ", theme[.muted]),
                StyledSpan(DisplayWidth.fit(event.kind.label, to: 8) + " ", theme[.muted]),
                StyledSpan(Sanitizer.clean(event.message), EventStyle.of(event.severity, theme)),
                StyledSpan(event.actor == "engine" ? "" : "  (\(Sanitizer.clean(event.actor)))", theme[.muted]),
            ])
        }
        TextView(lines: Array(lines)).render(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: room))
    }
}

enum PhaseStyle {
    static func of(_ phase: Phase, _ theme: Theme) -> Style {
        switch phase {
        case .succeeded: return theme[.ok]
        case .rolledBack, .failed: return theme[.error]
        case .rollingBack, .paused: return theme[.warn]
        case .pending, .provisioning: return theme[.muted]
        case .shifting, .baking, .promoting: return theme[.accent]
        }
    }
}

enum VerdictStyle {
    static func of(_ verdict: Verdict, _ theme: Theme) -> Style {
        switch verdict {
        case .pass: return theme[.ok]
        case .marginal, .inconclusive: return theme[.warn]
        case .fail: return theme[.error]
        case .none: return theme[.muted]
        }
    }
}

enum EventStyle {
    static func of(_ severity: TimelineEvent.Severity, _ theme: Theme) -> Style {
        switch severity {
        case .info: return theme[.text]
        case .ok: return theme[.ok]
        case .warning: return theme[.warn]
        case .error: return theme[.error]
        }
    }
}

extension TimelineEvent.Kind {
    var label: String {
        switch self {
        case .phase: return "phase"
        case .healthGate: return "health"
        case .analysis: return "analysis"
        case .taskFailure: return "task"
        case .operatorAction: return "operator"
        case .automaticAction: return "auto"
        case .info: return "info"
        }
    }
}
