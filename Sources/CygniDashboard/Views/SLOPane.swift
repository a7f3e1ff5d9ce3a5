import CygniModel
import CygniTerminal

/// Each SLO: objective, current SLI, budget left, burn over the four window pairs, alert state.
struct SLOPane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let paging = state.slos.filter { $0.alert == .page }.count
        var subtitle = paging > 0 ? "\(paging) paging" : ""
        if let query = state.listFilters[.slo] { subtitle += (subtitle.isEmpty ? "" : " · ") + "/\(Sanitizer.clean(query))" }
        let inner = PaneFrame(
            pane: .slo,
            subtitle: subtitle,
            error: state.sloError,
            staleAge: state.staleAge(of: .slos, failing: state.sloError != nil)
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        guard !state.slos.isEmpty else {
            buffer.write(truncating: state.notRead[.slos] ?? (state.lastRefresh == nil ? "loading…" : "no SLOs defined"), x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        // Narrow panes keep the page-level windows and drop the objective and the slow windows.
        let compact = inner.width < 90
        let windows = BurnRate.standardPairs.map(\.windows).filter { !compact || $0 == "5m/1h" || $0 == "30m/6h" }
        var columns = [TableColumn("SLO", width: .min(14))]
        if !compact { columns.append(TableColumn("OBJECTIVE", width: .length(9), alignment: .right)) }
        columns += [
            TableColumn("SLI", width: .length(8), alignment: .right),
            TableColumn("BUDGET", width: .length(7), alignment: .right),
        ]
        columns += windows.map { TableColumn($0, width: .length(6), alignment: .right) }
        columns.append(TableColumn("ALERT", width: .length(6)))
        let rows: [[StyledSpan]] = state.visibleSLOs.map { slo in
            let budgetStyle = slo.budgetRemaining < 0.1 ? theme[.error] : (slo.budgetRemaining < 0.5 ? theme[.warn] : theme[.ok])
            var row = [StyledSpan("\(Sanitizer.clean(slo.service)) \(Sanitizer.clean(slo.name))", theme[.text])]
            if !compact { row.append(StyledSpan(Format.level(slo.objective), theme[.muted])) }
            row += [
                StyledSpan(Format.level(slo.sli), slo.sli < slo.objective ? theme[.error] : theme[.text]),
                StyledSpan(Format.percent(slo.budgetRemaining), budgetStyle),
            ]
            for window in windows {
                guard let burn = slo.burnRates.first(where: { $0.windows == window }) else {
                    row.append(StyledSpan("—", theme[.muted]))
                    continue
                }
                let style = burn.isFiring ? (burn.severity == .page ? theme[.error] : theme[.warn]) : theme[.muted]
                row.append(StyledSpan(Format.burn(max(burn.short, burn.long)), style))
            }
            let alertText = slo.lowTraffic && slo.alert == .ok ? "low-tr" : slo.alert.rawValue
            row.append(StyledSpan(alertText, AlertStyle.of(slo.alert, theme)))
            return row
        }
        let visible = max(1, inner.height - 1)
        Table(
            columns: columns,
            rows: rows,
            selected: state.focus == .slo ? state.sloSelection : nil,
            offset: Table.scrollOffset(selected: state.sloSelection, offset: 0, visibleRows: visible, rowCount: rows.count),
            headerStyle: theme[.header],
            selectedStyle: theme[.selection]
        ).render(into: &buffer, area: inner)
    }
}

enum AlertStyle {
    static func of(_ alert: AlertState, _ theme: Theme) -> Style {
        switch alert {
        case .ok: return theme[.ok]
        case .ticket: return theme[.warn]
        case .page: return theme[.error].adding(.reverse)
        }
    }
}
