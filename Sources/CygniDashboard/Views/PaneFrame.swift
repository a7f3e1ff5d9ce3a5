import CygniTerminal

/// The bordered frame every pane draws in: the focused pane's border and title stand out,
/// and a pane whose source failed says so in its title bar instead of going blank.
struct PaneFrame {
    var pane: PaneID
    var subtitle: String = ""
    var rightTitle: String?
    var error: String?

    @discardableResult
    func render(into buffer: inout Buffer, area: Rect, state: DashboardState) -> Rect {
        let focused = state.focus == pane
        let theme = state.theme
        var title = " \(pane.title)"
        if !subtitle.isEmpty { title += " · \(subtitle)" }
        title += " "
        var right = rightTitle.map { " \($0) " }
        var rightStyle = theme[.muted]
        if let error {
            right = " ⚠ \(Sanitizer.clean(error)) "
            rightStyle = theme[.error]
        }
        var block = Block(
            title: title,
            titleStyle: theme[focused ? .titleFocused : .title],
            borderStyle: theme[focused ? .borderFocused : .border],
            rightTitle: right,
            rightTitleStyle: rightStyle,
            borders: .rounded
        )
        // An error too long for the title bar is cut, never dropped: the pane must say it failed.
        block.cutsRightTitle = error != nil
        return block.render(into: &buffer, area: area)
    }
}
