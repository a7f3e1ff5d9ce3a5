/// A table column: its header, how wide it is and how its cells line up.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of cells under a header, with one selected row drawn as a bar. The selection and the
/// scroll offset belong to the caller's state; `scrollOffset` computes the next offset.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var rows: [[StyledSpan]]
    public var selected: Int?
    public var offset: Int
    public var headerStyle: Style
    public var selectedStyle: Style
    public var showsHeader: Bool
    public var columnSpacing: Int

    public init(
        columns: [TableColumn], rows: [[StyledSpan]], selected: Int? = nil, offset: Int = 0, headerStyle: Style = .plain,
        selectedStyle: Style = Style(attributes: .reverse), showsHeader: Bool = true, columnSpacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.showsHeader = showsHeader
        self.columnSpacing = columnSpacing
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        let cells = Layout.split(area, .horizontal, columns.map(\.width), spacing: max(0, columnSpacing))
        var y = area.y
        if showsHeader {
            for (column, cell) in zip(columns, cells) {
                draw(column.title, style: headerStyle, alignment: column.alignment, in: cell, y: y, buffer: &buffer)
            }
            y += 1
        }
        let visibleRows = area.bottom - y
        guard visibleRows > 0 else { return }
        let first = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visibleRows, rowCount: rows.count)
        for (line, index) in (first..<min(rows.count, first + visibleRows)).enumerated() {
            let row = rows[index]
            for (position, (column, cell)) in zip(columns, cells).enumerated() where position < row.count {
                draw(row[position].text, style: row[position].style, alignment: column.alignment, in: cell, y: y + line, buffer: &buffer)
            }
            if index == selected {
                // The bar spans the whole row, gaps included, so the eye can follow it across.
                buffer.apply(selectedStyle, to: Rect(x: area.x, y: y + line, width: area.width, height: 1))
            }
        }
    }

    private func draw(_ text: String, style: Style, alignment: Alignment, in cell: Rect, y: Int, buffer: inout Buffer) {
        guard cell.width > 0 else { return }
        let shown = DisplayWidth.truncate(text, to: cell.width)
        let gap = max(0, cell.width - DisplayWidth.of(shown))
        let x: Int
        switch alignment {
        case .left: x = cell.x
        case .right: x = cell.x + gap
        case .center: x = cell.x + gap / 2
        }
        buffer.write(shown, x: x, y: y, maxWidth: cell.right - x, style: style)
    }

    /// The first row to show so that the selection stays in view: the offset moves only when
    /// the selection would leave the window, and never leaves empty rows below the last one.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard rowCount > 0, visibleRows > 0 else { return 0 }
        var first = min(max(0, offset), max(0, rowCount - visibleRows))
        if let selected {
            let selected = min(max(0, selected), rowCount - 1)
            if selected < first { first = selected }
            if selected >= first + visibleRows { first = selected - visibleRows + 1 }
        }
        return first
    }
}
