import CygniModel
import CygniTerminal

/// The split of the selected rollout as a bar, and per side: request rate, errors, p99, tasks.
struct TrafficPane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let rollout = state.currentRollout
        let inner = PaneFrame(
            pane: .traffic,
            subtitle: rollout.map { Sanitizer.clean($0.service) } ?? "",
            error: state.rolloutsError ?? rollout?.metricsError,
            staleAge: state.staleAge(of: .rollouts, failing: state.rolloutsError != nil)
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        guard let rollout else {
            buffer.write(truncating: "no rollout selected", x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        let names = rollout.strategy.sideNames
        let stableStyle = rollout.strategy == .blueGreen ? theme[.blue] : theme[.stable]
        let canaryStyle = rollout.strategy == .blueGreen ? theme[.green] : theme[.canary]
        let parts = Layout.split(inner, .vertical, [.length(1), .length(1), .length(1), .length(1), .fill(1)])

        let versions = "\(names.stable) \(Sanitizer.clean(rollout.fromVersion))  →  \(names.canary) \(Sanitizer.clean(rollout.toVersion))"
        buffer.write(truncating: versions, x: parts[0].x, y: parts[0].y, width: parts[0].width, style: theme[.text])
        SplitBar(
            leftPercent: rollout.traffic.stable,
            leftStyle: stableStyle,
            rightStyle: canaryStyle,
            leftLabel: "\(rollout.traffic.stable)%",
            rightLabel: "\(rollout.traffic.canary)%"
        ).render(into: &buffer, area: parts[1])
        let legend = StyledLine([
            StyledSpan("█ ", stableStyle), StyledSpan("\(names.stable) \(rollout.traffic.stable)%   ", theme[.text]),
            StyledSpan("█ ", canaryStyle), StyledSpan("\(names.canary) \(rollout.traffic.canary)%", theme[.text]),
        ])
        buffer.write(legend, x: parts[2].x, y: parts[2].y, width: parts[2].width)

        let rows: [[StyledSpan]] = rollout.sides.map { side in
            let isCanary = side.role == .canary
            let errorStyle = side.errorRate >= 0.01 ? theme[.error] : (side.errorRate >= 0.001 ? theme[.warn] : theme[.ok])
            let taskStyle = side.healthyTasks < side.totalTasks ? theme[.warn] : theme[.text]
            return [
                StyledSpan(isCanary ? names.canary : names.stable, isCanary ? canaryStyle : stableStyle),
                StyledSpan(Sanitizer.clean(side.version), theme[.text]),
                StyledSpan(Format.count(side.requestsPerSecond), theme[.text]),
                StyledSpan(Format.percent(side.errorRate), errorStyle),
                StyledSpan(Format.milliseconds(side.p99Milliseconds), side.p99Milliseconds > 500 ? theme[.warn] : theme[.text]),
                StyledSpan("\(side.healthyTasks)/\(side.totalTasks)", taskStyle),
            ]
        }
        var tableArea = parts[4]
        if let report = rollout.ecsDeployment {
            tableArea = renderECS(report, rollout, into: &buffer, area: tableArea, styles: (stableStyle, canaryStyle))
        }
        guard !rows.isEmpty else {
            if rollout.ecsDeployment == nil {
                buffer.write(truncating: "no per-version request metrics from this source", x: tableArea.x, y: tableArea.y, width: tableArea.width, style: theme[.muted])
            }
            return
        }
        let tableHeight = min(tableArea.height, rows.count + 1)
        let split = Layout.split(tableArea, .vertical, [.length(tableHeight), .fill(1)])
        Table(
            columns: [
                TableColumn("SIDE", width: .length(7)),
                TableColumn("VERSION", width: .fill(1)),
                TableColumn("REQ/S", width: .length(6), alignment: .right),
                TableColumn("ERRORS", width: .length(7), alignment: .right),
                TableColumn("P99", width: .length(7), alignment: .right),
                TableColumn("TASKS", width: .length(5), alignment: .right),
            ],
            rows: rows,
            headerStyle: theme[.header]
        ).render(into: &buffer, area: split[0])

        // Request rate per side over the last minutes, when there is room.
        var sparkArea = split[1]
        for side in rollout.sides where sparkArea.height >= 1 && !side.history.isEmpty {
            let row = sparkArea.row(0)
            let label = DisplayWidth.fit(side.role == .canary ? names.canary : names.stable, to: 7) + " "
            let style = side.role == .canary ? canaryStyle : stableStyle
            buffer.write(label, x: row.x, y: row.y, maxWidth: row.width, style: theme[.muted])
            let labelWidth = DisplayWidth.of(label)
            Sparkline(values: side.history, style: style)
                .render(into: &buffer, area: Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth, height: 1))
            sparkArea = Rect(x: sparkArea.x, y: sparkArea.y + 1, width: sparkArea.width, height: sparkArea.height - 1)
        }
    }

    /// What ECS says of the deployment it runs: its stage and plan, the hook holding it, and each
    /// revision's requested production and test traffic and tasks. Returns the area left below.
    private func renderECS(
        _ report: ECSDeploymentReport, _ rollout: Rollout, into buffer: inout Buffer, area: Rect, styles: (stable: Style, canary: Style)
    ) -> Rect {
        let theme = state.theme
        let names = rollout.strategy.sideNames
        let lines = ECSDeploymentLines(report: report, step: rollout.step, theme: theme, now: state.now ?? rollout.updatedAt).all
        let textRows = min(area.height, TextView.rowCount(of: lines, width: area.width, wrap: true))
        TextView(lines: lines, wrap: true).render(into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: textRows))
        let rows: [[StyledSpan]] = report.revisions.map { revision in
            let isTarget = revision.role == .target
            return [
                StyledSpan(isTarget ? names.canary : names.stable, isTarget ? styles.canary : styles.stable),
                StyledSpan(Sanitizer.clean(revision.version), theme[.text]),
                StyledSpan(ECSDeploymentReport.percent(revision.productionWeight), theme[.text]),
                StyledSpan(ECSDeploymentReport.percent(revision.testWeight), theme[.muted]),
                StyledSpan("\(revision.runningTasks)/\(revision.requestedTasks)", revision.runningTasks < revision.requestedTasks ? theme[.warn] : theme[.text]),
            ]
        }
        let below = Rect(x: area.x, y: area.y + textRows, width: area.width, height: area.height - textRows)
        guard !rows.isEmpty, !below.isEmpty else { return below }
        let height = min(below.height, rows.count + 1)
        Table(
            columns: [
                TableColumn("REVISION", width: .length(8)),
                TableColumn("VERSION", width: .fill(1)),
                TableColumn("PROD", width: .length(6), alignment: .right),
                TableColumn("TEST", width: .length(6), alignment: .right),
                TableColumn("TASKS", width: .length(7), alignment: .right),
            ],
            rows: rows,
            headerStyle: theme[.header]
        ).render(into: &buffer, area: Rect(x: below.x, y: below.y, width: below.width, height: height))
        return Rect(x: below.x, y: below.y + height, width: below.width, height: below.height - height)
    }
}
