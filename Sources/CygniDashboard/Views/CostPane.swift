import CygniModel
import CygniTerminal

/// Spend per service (today, month to date, forecast), a daily sparkline of the selected
/// service, what the rollout in progress costs while both fleets run, and what the console's own
/// watching has asked AWS for.
struct CostPane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let inner = PaneFrame(
            pane: .cost,
            subtitle: (state.cost.map { "\(Format.dollars($0.totalMonthToDate)) MTD" } ?? "")
                + (state.listFilters[.cost].map { " · /\(Sanitizer.clean($0))" } ?? ""),
            error: state.costError,
            staleAge: state.staleAge(of: .cost, failing: state.costError != nil)
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        guard let cost = state.cost else {
            let text = state.notRead[.cost] ?? (state.costError == nil ? "loading…" : "cost unavailable")
            buffer.write(truncating: text, x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            // Spend that cannot be read does not hide what watching it asks for.
            let usageLines = AWSUsageLines(state: state).lines.prefix(max(0, inner.height - 1))
            for (index, line) in usageLines.enumerated() {
                buffer.write(line, x: inner.x, y: inner.y + inner.height - usageLines.count + index, width: inner.width)
            }
            return
        }
        let deltaLines = cost.rolloutDeltas.map { delta in
            StyledLine([
                StyledSpan("rollout ", theme[.muted]),
                StyledSpan(Sanitizer.clean(delta.service), theme[.text]),
                StyledSpan(" +\(Format.dollars(delta.perHour))/h", theme[.warn]),
                StyledSpan(" (\(delta.extraTasks) extra tasks, \(Format.dollars(delta.soFar)) so far)", theme[.muted]),
            ])
        }
        let tableHeight = min(cost.services.count + 2, max(2, inner.height - deltaLines.count - 1))
        // The usage takes what the table and the deltas leave, but a line for the daily chart
        // when there are two or more: its first line (the estimate) outranks the chart.
        let usageLines = AWSUsageLines(state: state).lines
        let left = max(0, inner.height - tableHeight - deltaLines.count)
        let usageHeight = min(usageLines.count, left >= 2 ? left - 1 : left)
        let parts = Layout.split(inner, .vertical, [.length(tableHeight), .length(deltaLines.count), .fill(1), .length(usageHeight)])
        let services = state.visibleCosts
        var rows: [[StyledSpan]] = services.map { service in
            [
                StyledSpan(Sanitizer.clean(service.service), theme[.text]),
                StyledSpan(Format.dollars(service.today), theme[.text]),
                StyledSpan(Format.dollars(service.monthToDate), theme[.text]),
                StyledSpan(Format.dollars(service.forecast), theme[.muted]),
            ]
        }
        rows.append([
            StyledSpan("total", theme[.title]),
            StyledSpan(Format.dollars(cost.totalToday), theme[.title]),
            StyledSpan(Format.dollars(cost.totalMonthToDate), theme[.title]),
            StyledSpan(Format.dollars(cost.totalForecast), theme[.title]),
        ])
        Table(
            columns: [
                TableColumn("SERVICE", width: .fill(1)),
                TableColumn("TODAY", width: .length(9), alignment: .right),
                TableColumn("MONTH", width: .length(10), alignment: .right),
                TableColumn("FORECAST", width: .length(10), alignment: .right),
            ],
            rows: rows,
            selected: state.focus == .cost ? state.costSelection : nil,
            offset: Table.scrollOffset(selected: state.costSelection, offset: 0, visibleRows: max(1, parts[0].height - 1), rowCount: rows.count),
            headerStyle: theme[.header],
            selectedStyle: theme[.selection]
        ).render(into: &buffer, area: parts[0])
        for (index, line) in deltaLines.enumerated() where index < parts[1].height {
            buffer.write(line, x: parts[1].x, y: parts[1].y + index, width: parts[1].width)
        }
        for (index, line) in usageLines.prefix(usageHeight).enumerated() {
            buffer.write(line, x: parts[3].x, y: parts[3].y + index, width: parts[3].width)
        }
        let chart = parts[2]
        if chart.height >= 1, services.indices.contains(state.costSelection) {
            let service = services[state.costSelection]
            let label = "\(Sanitizer.clean(service.service)) daily "
            buffer.write(truncating: label, x: chart.x, y: chart.y, width: chart.width, style: theme[.muted])
            let offset = min(chart.width, DisplayWidth.of(label))
            Sparkline(values: service.daily, style: theme[.accent])
                .render(into: &buffer, area: Rect(x: chart.x + offset, y: chart.y, width: chart.width - offset, height: min(chart.height, 3)))
        }
    }
}
