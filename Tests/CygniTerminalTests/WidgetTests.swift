import Testing
@testable import CygniTerminal

@Suite("Styled lines")
struct StyledLineTests {
    @Test func measuresAndJoinsSpans() {
        let line = StyledLine([StyledSpan("中a", red), StyledSpan("bc")])
        #expect(line.width == 5)
        #expect(line.plain == "中abc")
        #expect(StyledLine("x", red).spans == [StyledSpan("x", red)])
    }

    @Test func writesWholeLineWhenItFits() {
        var buffer = Buffer(width: 8, height: 1)
        let written = buffer.write(StyledLine([StyledSpan("ab", red), StyledSpan("cd", blue)]), x: 1, y: 0, width: 6)
        #expect(written == 4)
        #expect(buffer.lines == [" abcd"])
        #expect(buffer[1, 0].style == red)
        #expect(buffer[3, 0].style == blue)
    }

    @Test func cutsWithEllipsisInTheStyleOfTheCutSpan() {
        var buffer = Buffer(width: 8, height: 1)
        let written = buffer.write(StyledLine([StyledSpan("ab", red), StyledSpan("cdef", blue)]), x: 0, y: 0, width: 4)
        #expect(written == 4)
        #expect(buffer.lines == ["abc…"])
        #expect(buffer[3, 0].style == blue)
    }

    @Test func cutsBeforeAWideGlyphThatWouldBeHalved() {
        #expect(frame(6, 1) { $0.write(StyledLine("中文字"), x: 0, y: 0, width: 5) } == ["中文…"])
        #expect(frame(6, 1) { $0.write(StyledLine("中文字"), x: 0, y: 0, width: 4) } == ["中…"])
        #expect(frame(6, 1) { $0.write(StyledLine("abc"), x: 0, y: 0, width: 1) } == ["…"])
        #expect(frame(6, 1) { $0.write(StyledLine("abc"), x: 0, y: 0, width: 0) } == [""])
    }

    @Test func neutralisesControlsInSpans() {
        let lines = frame(10, 1) { $0.write(StyledLine("a\u{1B}[2Jb"), x: 0, y: 0, width: 10) }
        #expect(lines == ["a\u{FFFD}[2Jb"])
    }
}

@Suite("Block")
struct BlockTests {
    @Test func drawsRoundedFrameWithTitleAndReturnsInside() {
        var buffer = Buffer(width: 12, height: 4)
        let inner = Block(title: "Logs").render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "╭ Logs ────╮",
            "│          │",
            "│          │",
            "╰──────────╯",
        ])
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
    }

    @Test func drawsRightTitleWhenBothFit() {
        let lines = frame(20, 2) { Block(title: "Traffic", rightTitle: "2s", borders: .plain).render(into: &$0, area: $0.area) }
        #expect(lines == ["┌ Traffic ───── 2s ┐", "└──────────────────┘"])
    }

    @Test func dropsRightTitleFirstAndCutsLeftWithEllipsis() {
        let lines = frame(8, 2) { Block(title: "Deployments", rightTitle: "5m", borders: .ascii).render(into: &$0, area: $0.area) }
        #expect(lines == ["+ Dep… +", "+------+"])
    }

    @Test func otherBorderSets() {
        #expect(frame(3, 3) { Block(borders: .thick).render(into: &$0, area: $0.area) } == ["┏━┓", "┃ ┃", "┗━┛"])
        #expect(frame(3, 2) { Block(borders: .double).render(into: &$0, area: $0.area) } == ["╔═╗", "╚═╝"])
    }

    @Test func tinyAreaDrawsNothing() {
        var buffer = Buffer(width: 5, height: 5)
        let inner = Block(title: "x").render(into: &buffer, area: Rect(x: 1, y: 1, width: 1, height: 4))
        #expect(inner.isEmpty)
        #expect(buffer.lines.allSatisfy { $0.isEmpty })
        let flat = Block().render(into: &buffer, area: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(flat.isEmpty)
    }

    @Test func fillClearsTheArea() {
        var buffer = Buffer(width: 4, height: 3, fill: Cell(symbol: "x"))
        Block(fill: blue).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["╭──╮", "│  │", "╰──╯"])
        #expect(buffer[1, 1].style == blue)
    }
}

@Suite("Table")
struct TableTests {
    let columns = [TableColumn("NAME", width: .length(6)), TableColumn("CPU", width: .length(4), alignment: .right)]
    let rows: [[StyledSpan]] = [[StyledSpan("api"), StyledSpan("12%")], [StyledSpan("worker-long", red), StyledSpan("3%")]]

    @Test func drawsHeaderAlignedCellsAndSelection() {
        var buffer = Buffer(width: 11, height: 3)
        Table(columns: columns, rows: rows, selected: 1).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [
            "NAME    CPU",
            "api     12%",
            "worke…   3%",
        ])
        #expect(buffer[0, 2].style.attributes.contains(.reverse))
        #expect(buffer[0, 2].style.foreground == .red)
        #expect(buffer[6, 2].style.attributes.contains(.reverse))  // the gap is part of the bar
        #expect(!buffer[0, 1].style.attributes.contains(.reverse))
    }

    @Test func scrollsToKeepSelectionVisible() {
        let many = (0..<10).map { [StyledSpan("row\($0)"), StyledSpan("\($0)")] }
        let lines = frame(11, 3) { Table(columns: columns, rows: many, selected: 7).render(into: &$0, area: $0.area) }
        #expect(lines == ["NAME    CPU", "row6      6", "row7      7"])
        let headless = frame(11, 2) {
            Table(columns: columns, rows: many, offset: 3, showsHeader: false).render(into: &$0, area: $0.area)
        }
        #expect(headless == ["row3      3", "row4      4"])
    }

    @Test func missingCellsStayBlank() {
        let lines = frame(11, 2) { Table(columns: columns, rows: [[StyledSpan("solo")]]).render(into: &$0, area: $0.area) }
        #expect(lines == ["NAME    CPU", "solo"])
    }

    @Test func scrollOffsetArithmetic() {
        #expect(Table.scrollOffset(selected: 10, offset: 0, visibleRows: 5, rowCount: 20) == 6)
        #expect(Table.scrollOffset(selected: 2, offset: 6, visibleRows: 5, rowCount: 20) == 2)
        #expect(Table.scrollOffset(selected: 8, offset: 6, visibleRows: 5, rowCount: 20) == 6)
        #expect(Table.scrollOffset(selected: nil, offset: 100, visibleRows: 5, rowCount: 20) == 15)
        #expect(Table.scrollOffset(selected: nil, offset: -3, visibleRows: 5, rowCount: 20) == 0)
        #expect(Table.scrollOffset(selected: 50, offset: 0, visibleRows: 5, rowCount: 20) == 15)
        #expect(Table.scrollOffset(selected: 3, offset: 0, visibleRows: 0, rowCount: 20) == 0)
        #expect(Table.scrollOffset(selected: 3, offset: 4, visibleRows: 5, rowCount: 0) == 0)
        #expect(Table.scrollOffset(selected: 1, offset: 0, visibleRows: 5, rowCount: 3) == 0)
    }
}

@Suite("Split bar")
struct SplitBarTests {
    @Test func sharesAndLabels() {
        let lines = frame(20, 1) {
            SplitBar(leftPercent: 70, leftStyle: green, rightStyle: blue, leftLabel: "70%", rightLabel: "30%")
                .render(into: &$0, area: $0.area)
        }
        #expect(lines == ["█70%██████████" + "██30%█"])
    }

    @Test func labelsThatDoNotFitAreLeftOut() {
        var buffer = Buffer(width: 10, height: 1)
        SplitBar(leftPercent: 90, leftStyle: green, rightStyle: blue, leftLabel: "stable", rightLabel: "canary")
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["█stable██" + "█"])
        #expect(buffer[9, 0].style == blue)
        #expect(buffer[1, 0].style.attributes.contains(.reverse))
    }

    @Test func extremesAreExactAndSmallSharesVisible() {
        #expect(SplitBar.leftCells(percent: 0, width: 10) == 0)
        #expect(SplitBar.leftCells(percent: 100, width: 10) == 10)
        #expect(SplitBar.leftCells(percent: 1, width: 10) == 1)
        #expect(SplitBar.leftCells(percent: 99, width: 10) == 9)
        #expect(SplitBar.leftCells(percent: 50, width: 10) == 5)
        #expect(SplitBar.leftCells(percent: -5, width: 10) == 0)
        #expect(SplitBar.leftCells(percent: 150, width: 10) == 10)
        #expect(SplitBar.leftCells(percent: 50, width: 0) == 0)
        var buffer = Buffer(width: 4, height: 1)
        SplitBar(leftPercent: 0, leftStyle: green, rightStyle: blue).render(into: &buffer, area: buffer.area)
        #expect((0..<4).allSatisfy { buffer[$0, 0].style == blue })
    }
}

@Suite("Gauge")
struct GaugeTests {
    func gauge(_ ratio: Double, label: String = "", width: Int = 10) -> [String] {
        frame(width, 1) { Gauge(ratio: ratio, label: label, filledStyle: green, emptyStyle: blue).render(into: &$0, area: $0.area) }
    }

    @Test func fillsToTheEighth() {
        #expect(gauge(0.5) == ["█████"])
        #expect(gauge(0.55) == ["█████▌"])
        #expect(gauge(1) == ["██████████"])
        #expect(gauge(0) == [""])
        #expect(gauge(0.001) == ["▏"])  // not zero, so not drawn as zero
        #expect(gauge(0.999) == ["█████████▉"])  // not full, so not drawn as full
    }

    @Test func survivesNonFiniteAndOutOfRangeRatios() {
        #expect(gauge(.nan) == [""])
        #expect(gauge(-1) == [""])
        #expect(gauge(-.infinity) == [""])
        #expect(gauge(.infinity) == ["██████████"])
        #expect(gauge(7) == ["██████████"])
    }

    @Test func labelIsCentredAndCutOutOverTheFill() {
        var buffer = Buffer(width: 10, height: 3)
        Gauge(ratio: 0.5, label: "50%", filledStyle: green, emptyStyle: blue).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["█████", "███50%", "█████"])
        #expect(buffer[3, 1].style.attributes.contains(.reverse))
        #expect(buffer[5, 1].style == blue)
        #expect(gauge(0.5, label: "a long label") == ["a long la…"])
    }
}

@Suite("Sparkline")
struct SparklineTests {
    @Test func scalesToLargestValueNewestAtRight() {
        #expect(frame(5, 1) { Sparkline(values: [0, 1, 2, 4, 8]).render(into: &$0, area: $0.area) } == [" ▁▂▄█"])
        #expect(frame(3, 1) { Sparkline(values: [0, 1, 2, 4, 8]).render(into: &$0, area: $0.area) } == ["▂▄█"])
        #expect(frame(7, 1) { Sparkline(values: [0, 1, 2, 4, 8]).render(into: &$0, area: $0.area) } == ["   ▁▂▄█"])
    }

    @Test func explicitMaximumAndMultipleRows() {
        #expect(frame(2, 1) { Sparkline(values: [4, 20], maximum: 8).render(into: &$0, area: $0.area) } == ["▄█"])
        #expect(frame(2, 2) { Sparkline(values: [2, 8]).render(into: &$0, area: $0.area) } == [" █", "▄█"])
    }

    @Test func nonFiniteValuesAreSafe() {
        #expect(frame(3, 1) { Sparkline(values: [.nan, 8, -3]).render(into: &$0, area: $0.area) } == [" █"])
        #expect(frame(2, 1) { Sparkline(values: [.infinity, 1]).render(into: &$0, area: $0.area) } == ["██"])
        #expect(frame(2, 1) { Sparkline(values: [0, 0]).render(into: &$0, area: $0.area) } == [""])
        #expect(frame(2, 1) { Sparkline(values: []).render(into: &$0, area: $0.area) } == [""])
    }
}

@Suite("Bar chart")
struct BarChartTests {
    @Test func labelBarAndValueColumns() {
        let chart = BarChart(bars: [
            Bar(label: "api", value: 10, style: green, valueText: "10"),
            Bar(label: "db", value: 5, style: blue, valueText: "5"),
        ])
        let lines = frame(12, 3) { chart.render(into: &$0, area: $0.area) }
        #expect(lines == ["api █████ 10", "db  ██▌    5", ""])
    }

    @Test func explicitMaximumAndHostileValues() {
        let chart = BarChart(bars: [
            Bar(label: "a", value: 5, style: green, valueText: "5"),
            Bar(label: "b", value: .nan, style: green, valueText: "?"),
            Bar(label: "c", value: -4, style: green, valueText: "-4"),
            Bar(label: "d", value: 99, style: green, valueText: "99"),
        ], maximum: 10)
        let lines = frame(12, 4) { chart.render(into: &$0, area: $0.area) }
        #expect(lines == ["a ███▌     5", "b          ?", "c         -4", "d ███████ 99"])
    }
}

@Suite("Waterfall row")
struct WaterfallRowTests {
    func row(_ start: Double, _ length: Double) -> Buffer {
        var buffer = Buffer(width: 20, height: 1)
        WaterfallRow(label: "root", start: start, length: length, barStyle: green, durationText: "12ms").render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test func fullSpan() {
        #expect(row(0, 1).lines == ["root    ███████ 12ms"])
    }

    @Test func subCellEnds() {
        #expect(row(0, 0.5).lines == ["root    ███▌    12ms"])
        let late = row(0.5, 0.5)
        #expect(late.lines == ["root       ▌███ 12ms"])
        #expect(late[11, 0].style.attributes.contains(.reverse))  // a right-aligned half block
    }

    @Test func zeroLengthShowsATick() {
        #expect(row(0.5, 0).lines == ["root       │    12ms"])
        #expect(row(1, 0).lines == ["root          │ 12ms"])
        #expect(row(.nan, .nan).lines == ["root    │       12ms"])
    }

    @Test func longLabelIsCut() {
        var buffer = Buffer(width: 20, height: 1)
        WaterfallRow(label: "GET /api/v1/rollouts", start: 0, length: 1, barStyle: green, durationText: "3s").render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["GET /a… █████████ 3s"])
    }
}

@Suite("Modal")
struct ModalTests {
    @Test func centredWrappedAndClearsBehind() {
        var buffer = Buffer(width: 30, height: 10, fill: Cell(symbol: "x"))
        let text = Modal(title: "Roll back?", lines: [StyledLine("Roll back api to v41?")], width: 20).render(into: &buffer, area: buffer.area)
        #expect(text == Rect(x: 7, y: 4, width: 16, height: 2))
        #expect(Array(buffer.lines[3...6]) == [
            "xxxxx╭ Roll back? ──────╮xxxxx",
            "xxxxx│ Roll back api to │xxxxx",
            "xxxxx│ v41?             │xxxxx",
            "xxxxx╰──────────────────╯xxxxx",
        ])
        #expect(buffer.lines[2] == String(repeating: "x", count: 30))
    }

    @Test func clampsToTheArea() {
        let lines = (1...20).map { StyledLine("line \($0)") }
        var buffer = Buffer(width: 10, height: 5)
        let text = Modal(title: "Help", lines: lines, width: 60).render(into: &buffer, area: buffer.area)
        #expect(text == Rect(x: 2, y: 1, width: 6, height: 3))
        #expect(buffer.lines == ["╭ Help ──╮", "│ line 1 │", "│ line 2 │", "│ line 3 │", "╰────────╯"])
    }

    @Test func keepsItsBackgroundUnderPlainText() {
        var buffer = Buffer(width: 12, height: 3)
        let style = Style(background: .blue)
        Modal(title: "", lines: [StyledLine("hi")], width: 12, style: style).render(into: &buffer, area: buffer.area)
        #expect(buffer[2, 1].symbol == "h")
        #expect(buffer[2, 1].style.background == .blue)
    }
}

@Suite("Status line")
struct StatusLineTests {
    let left = [StyledSpan("prod", red), StyledSpan(" us-east-1")]

    func status(_ width: Int, right: String = "12:00") -> [String] {
        frame(width, 1) { StatusLine(left: left, right: [StyledSpan(right)]).render(into: &$0, area: $0.area) }
    }

    @Test func bothSidesWhenTheyFit() {
        #expect(status(20) == ["prod us-east-1 12:00"])
        #expect(status(24) == ["prod us-east-1     12:00"])
    }

    @Test func rightIsCutThenDroppedBeforeLeftSuffers() {
        #expect(status(19, right: "12:00:00") == ["prod us-east-1 12:…"])
        #expect(status(18) == ["prod us-east-1"])
        #expect(status(12) == ["prod us-eas…"])
    }

    @Test func baseStyleFillsTheRow() {
        var buffer = Buffer(width: 20, height: 1)
        StatusLine(left: left, style: Style(background: .blue)).render(into: &buffer, area: buffer.area)
        #expect(buffer[19, 0].style.background == .blue)
        #expect(buffer[0, 0].style == Style(foreground: .red, background: .blue))
    }
}

@Suite("Key hints")
struct KeyHintsTests {
    let hints = KeyHints([KeyHint(key: "q", label: "Quit"), KeyHint(key: "?", label: "Help"), KeyHint(key: "/", label: "Filter")], keyStyle: red, labelStyle: blue)

    @Test func asManyWholeHintsAsFit() {
        #expect(frame(14, 1) { hints.render(into: &$0, area: $0.area) } == ["q Quit  ? Help"])
        #expect(frame(13, 1) { hints.render(into: &$0, area: $0.area) } == ["q Quit"])
        #expect(frame(30, 1) { hints.render(into: &$0, area: $0.area) } == ["q Quit  ? Help  / Filter"])
        #expect(frame(5, 1) { hints.render(into: &$0, area: $0.area) } == [""])
    }

    @Test func stylesKeysAndLabels() {
        var buffer = Buffer(width: 14, height: 1)
        hints.render(into: &buffer, area: buffer.area)
        #expect(buffer[0, 0].style == red)
        #expect(buffer[2, 0].style == blue)
    }
}

@Suite("Headless backend")
struct HeadlessBackendTests {
    @Test func printsRowsWithTrailingSpacesTrimmed() {
        var buffer = Buffer(width: 6, height: 3)
        buffer.write("ab  ", x: 0, y: 0)
        buffer.write("中", x: 2, y: 2)
        #expect(HeadlessBackend.render(buffer) == "ab\n\n  中")
    }
}

@Suite("Composed frame")
struct ComposedFrameTests {
    /// A small pane the way the dashboard builds one: block, table inside, status and hints
    /// below, printed by the headless backend as `cx snapshot` would.
    @Test func paneSnapshot() {
        var buffer = Buffer(width: 32, height: 8)
        let rows = Layout.split(buffer.area, .vertical, [.fill(1), .length(1), .length(1)])
        let inner = Block(title: "Traffic", rightTitle: "live", borders: .plain).render(into: &buffer, area: rows[0])
        let parts = Layout.split(inner, .vertical, [.length(1), .fill(1)])
        SplitBar(leftPercent: 90, leftStyle: green, rightStyle: blue, leftLabel: "stable 90%", rightLabel: "10%")
            .render(into: &buffer, area: parts[0])
        Table(
            columns: [TableColumn("SERVICE", width: .fill(1)), TableColumn("PHASE", width: .length(8)), TableColumn("5XX", width: .length(5), alignment: .right)],
            rows: [[StyledSpan("checkout"), StyledSpan("shifting"), StyledSpan("0.4%")], [StyledSpan("payments"), StyledSpan("baking"), StyledSpan("2.1%", red)]],
            selected: 1
        ).render(into: &buffer, area: parts[1])
        StatusLine(left: [StyledSpan("prod"), StyledSpan(" eu-west-1")], right: [StyledSpan("seed 42")]).render(into: &buffer, area: rows[1])
        KeyHints([KeyHint(key: "q", label: "Quit"), KeyHint(key: "r", label: "Rollback"), KeyHint(key: "?", label: "Help")], keyStyle: red, labelStyle: .plain)
            .render(into: &buffer, area: rows[2])
        #expect(HeadlessBackend.render(buffer) == """
            ┌ Traffic ─────────────── live ┐
            │█stable 90%████████████████10%│
            │SERVICE         PHASE      5XX│
            │checkout        shifting  0.4%│
            │payments        baking    2.1%│
            └──────────────────────────────┘
            prod eu-west-1           seed 42
            q Quit  r Rollback  ? Help
            """)
    }
}

@Suite("Tiny sizes draw something sensible")
struct TinySizeTests {
    @Test func smallestFrames() {
        #expect(frame(2, 2) { Block(title: "Logs").render(into: &$0, area: $0.area) } == ["╭╮", "╰╯"])
        #expect(frame(3, 2) { Block(title: "Logs").render(into: &$0, area: $0.area) } == ["╭…╮", "╰─╯"])
        let columns = [TableColumn("NAME", width: .length(6)), TableColumn("CPU", width: .length(4))]
        #expect(frame(3, 2) { Table(columns: columns, rows: [[StyledSpan("api")]]).render(into: &$0, area: $0.area) } == ["N…", "a…"])
        #expect(frame(1, 1) { StatusLine(left: [StyledSpan("prod")]).render(into: &$0, area: $0.area) } == ["…"])
        #expect(frame(1, 1) { Gauge(ratio: 0.5, filledStyle: green, emptyStyle: blue).render(into: &$0, area: $0.area) } == ["▌"])
        #expect(frame(1, 1) { SplitBar(leftPercent: 50, leftStyle: green, rightStyle: blue).render(into: &$0, area: $0.area) } == ["█"])
        #expect(frame(1, 1) { Sparkline(values: [8, 4]).render(into: &$0, area: $0.area) } == ["█"])  // scaled to what is shown
        #expect(frame(2, 1) { TextView(lines: [StyledLine("中文")]).render(into: &$0, area: $0.area) } == ["…"])
        #expect(frame(1, 2) { TextView(lines: [StyledLine("ab")], wrap: true).render(into: &$0, area: $0.area) } == ["a", "b"])
        #expect(frame(2, 1) { KeyHints([KeyHint(key: "q", label: "Quit")], keyStyle: red, labelStyle: blue).render(into: &$0, area: $0.area) } == [""])
        #expect(frame(4, 2) { Modal(title: "Confirm", lines: [StyledLine("yes")]).render(into: &$0, area: $0.area) } == ["╭C…╮", "╰──╯"])
    }
}
