import CygniModel
import CygniTerminal

/// Recent traces, newest first, or the span waterfall of the trace opened with Enter.
struct TracesPane {
    let state: DashboardState

    func render(into buffer: inout Buffer, area: Rect) {
        if let trace = state.openedTrace {
            renderWaterfall(trace, into: &buffer, area: area)
        } else {
            renderList(into: &buffer, area: area)
        }
    }

    private func renderList(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let traces = state.visibleTraceIndices
        var subtitle = state.traceFilter == .all ? "" : state.traceFilter.rawValue
        if !state.traceQuery.isEmpty { subtitle += (subtitle.isEmpty ? "" : " ") + "/\(Sanitizer.clean(state.traceQuery))" }
        let dropped = state.traces.dropped > 0 ? " · \(state.traces.dropped) dropped" : ""
        let inner = PaneFrame(
            pane: .traces,
            subtitle: subtitle,
            rightTitle: "\(traces.count) of \(state.traces.count)\(dropped)",
            error: state.tracesError,
            staleAge: state.staleAge(of: .traces, failing: state.tracesError != nil)
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        guard !traces.isEmpty else {
            let text = state.traces.isEmpty ? (state.notRead[.traces] ?? (state.lastRefresh == nil ? "loading…" : "no traces yet")) : "no trace matches the filter (Esc clears it)"
            buffer.write(truncating: text, x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        let visibleRows = max(1, inner.height - 1)
        let offset = Table.scrollOffset(selected: state.traceSelection, offset: 0, visibleRows: visibleRows, rowCount: traces.count)
        // Only the rows on screen are turned into cells: the buffer may hold thousands.
        let window = traces[offset..<min(traces.count, offset + visibleRows)]
        let rows: [[StyledSpan]] = window.map { position in
            let trace = state.traces[position]
            let statusStyle = trace.status == .ok ? theme[.ok] : (trace.status == .fault ? theme[.error] : theme[.warn])
            return [
                StyledSpan(Format.clock(trace.start), theme[.muted]),
                StyledSpan(Sanitizer.clean(trace.rootName), theme[.text]),
                StyledSpan(Sanitizer.clean(trace.service), theme[.muted]),
                StyledSpan(Format.milliseconds(trace.durationMilliseconds),
                           trace.durationMilliseconds >= TraceFilter.slowThresholdMilliseconds ? theme[.warn] : theme[.text]),
                StyledSpan(trace.status.rawValue, statusStyle),
                StyledSpan(trace.httpStatus.map(String.init) ?? "—", statusStyle),
                StyledSpan(trace.id.xray, theme[.muted]),
            ]
        }
        // The full trace id only when it leaves room for the names that identify a request.
        let showsID = inner.width >= 110
        var columns = [
            TableColumn("TIME", width: .length(8)),
            TableColumn("ROOT", width: .fill(2)),
            TableColumn("SERVICE", width: .fill(1)),
            TableColumn("DURATION", width: .length(8), alignment: .right),
            TableColumn("STATUS", width: .length(6)),
            TableColumn("HTTP", width: .length(4), alignment: .right),
        ]
        if showsID { columns.append(TableColumn("TRACE", width: .length(35))) }
        Table(
            columns: columns,
            rows: showsID ? rows : rows.map { Array($0.dropLast()) },
            selected: state.focus == .traces ? state.traceSelection - offset : nil,
            offset: 0,
            headerStyle: theme[.header],
            selectedStyle: theme[.selection]
        ).render(into: &buffer, area: inner)
    }

    private func renderWaterfall(_ trace: Trace, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let inner = PaneFrame(
            pane: .traces,
            subtitle: trace.id.xray,
            rightTitle: "Esc back · l logs"
        ).render(into: &buffer, area: area, state: state)
        guard !inner.isEmpty else { return }
        let statusStyle = trace.status == .ok ? theme[.ok] : theme[.error]
        let header = StyledLine([
            StyledSpan(Sanitizer.clean(trace.rootName), theme[.title]),
            StyledSpan("  \(Sanitizer.clean(trace.service)) \(Sanitizer.clean(trace.version))  ", theme[.muted]),
            StyledSpan(Format.milliseconds(trace.durationMilliseconds), theme[.text]),
            StyledSpan("  \(trace.status.rawValue)", statusStyle),
            StyledSpan(trace.httpStatus.map { " \($0)" } ?? "", statusStyle),
            StyledSpan("  w3c \(trace.id.w3c)", theme[.muted]),
        ])
        buffer.write(header, x: inner.x, y: inner.y, width: inner.width)
        let total = max(trace.durationMilliseconds, 0.001)
        let rowsArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let selection = state.openTrace?.spanSelection ?? 0
        let offset = Table.scrollOffset(selected: selection, offset: 0, visibleRows: max(1, rowsArea.height), rowCount: trace.spans.count)
        for (row, index) in (offset..<trace.spans.count).enumerated() where row < rowsArea.height {
            let span = trace.spans[index]
            let depth = span.depth(in: trace.spans)
            let label = String(repeating: "  ", count: min(depth, 8)) + "\(Sanitizer.clean(span.service)) \(Sanitizer.clean(span.name))"
            let barStyle = span.status == .ok ? theme[.accent] : theme[.error]
            let rowArea = rowsArea.row(row)
            WaterfallRow(
                label: label,
                labelStyle: theme[.text],
                start: span.startOffsetMilliseconds / total,
                length: span.durationMilliseconds / total,
                barStyle: barStyle,
                durationText: Format.milliseconds(span.durationMilliseconds)
            ).render(into: &buffer, area: rowArea)
            if index == selection && state.focus == .traces {
                buffer.apply(theme[.selection], to: rowArea)
            }
        }
    }
}
