import Testing
@testable import CygniTerminal

/// Every widget, at every small size, at several positions, stays inside its area and never
/// lets a control character into the buffer.
@Suite("Widgets stay inside their area")
struct WidgetClippingTests {
    static let hostile = "中e\u{301}👨‍👩‍👧‍👦\u{1B}[31m\u{9B}2J\u{202E}x\ty"
    static let marker = Cell(symbol: "·", style: Style(foreground: .magenta))

    static let widgets: [(String, @Sendable (inout Buffer, Rect) -> Void)] = [
        ("styled line", { buffer, area in
            for row in 0..<area.height { buffer.write(StyledLine([StyledSpan(hostile, red), StyledSpan("中中")]), x: area.x, y: area.y + row, width: area.width) }
        }),
        ("block", { buffer, area in
            Block(title: hostile, rightTitle: "中文", fill: blue).render(into: &buffer, area: area)
        }),
        ("table", { buffer, area in
            Table(
                columns: [TableColumn("名前", width: .percentage(50)), TableColumn(hostile, width: .fill(1), alignment: .right)],
                rows: [[StyledSpan(hostile), StyledSpan("中")], [StyledSpan("a")], []], selected: 2
            ).render(into: &buffer, area: area)
        }),
        ("split bar", { buffer, area in
            SplitBar(leftPercent: 37, leftStyle: green, rightStyle: blue, leftLabel: "中文", rightLabel: hostile).render(into: &buffer, area: area)
        }),
        ("gauge", { buffer, area in
            Gauge(ratio: 0.66, label: hostile, filledStyle: green, emptyStyle: blue).render(into: &buffer, area: area)
        }),
        ("sparkline", { buffer, area in
            Sparkline(values: [1, .nan, 3, .infinity, -2, 5, 8, 0]).render(into: &buffer, area: area)
        }),
        ("bar chart", { buffer, area in
            BarChart(bars: [
                Bar(label: hostile, value: 3, style: green, valueText: "中文"),
                Bar(label: "b", value: .nan, style: green, valueText: hostile),
            ]).render(into: &buffer, area: area)
        }),
        ("text view", { buffer, area in
            TextView(lines: [StyledLine(hostile), StyledLine("中文 " + hostile)], horizontalOffset: 1, highlight: "x").render(into: &buffer, area: area)
        }),
        ("wrapped text view", { buffer, area in
            TextView(lines: [StyledLine(hostile), StyledLine("中文 " + hostile)], wrap: true, scrollOffset: 1).render(into: &buffer, area: area)
        }),
        ("waterfall row", { buffer, area in
            WaterfallRow(label: hostile, start: 0.3, length: 0.01, barStyle: green, durationText: "中s").render(into: &buffer, area: area)
        }),
        ("modal", { buffer, area in
            Modal(title: hostile, lines: [StyledLine(hostile), StyledLine("中文中文")], width: 5).render(into: &buffer, area: area)
        }),
        ("status line", { buffer, area in
            StatusLine(left: [StyledSpan(hostile)], right: [StyledSpan("中文")]).render(into: &buffer, area: area)
        }),
        ("key hints", { buffer, area in
            KeyHints([KeyHint(key: "中", label: hostile), KeyHint(key: "q", label: "")], keyStyle: red, labelStyle: blue).render(into: &buffer, area: area)
        }),
    ]

    @Test(arguments: widgets.indices)
    func neverWritesOutsideItsArea(_ index: Int) {
        let (name, render) = WidgetClippingTests.widgets[index]
        for width in 0...6 {
            for height in 0...4 {
                // Inside the buffer, flush with its corner, and hanging off its edges.
                for (x, y) in [(2, 2), (0, 0), (7, 5), (-2, -1)] {
                    let area = Rect(x: x, y: y, width: width, height: height)
                    var buffer = Buffer(width: 10, height: 8, fill: WidgetClippingTests.marker)
                    render(&buffer, area)
                    for row in 0..<buffer.height {
                        for column in 0..<buffer.width {
                            let cell = buffer[column, row]
                            #expect(!Sanitizer.containsUnsafe(cell.symbol), "\(name) let a control through")
                            if !area.contains(x: column, y: row) {
                                #expect(cell == WidgetClippingTests.marker, "\(name) \(area) wrote at \(column),\(row)")
                            }
                        }
                    }
                }
            }
        }
    }
}
