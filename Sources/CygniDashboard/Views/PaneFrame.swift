import CygniTerminal
import Foundation

/// The bordered frame every pane draws in: the focused pane's border and title stand out,
/// and a pane whose source failed says so in its title bar instead of going blank.
struct PaneFrame {
    var pane: PaneID
    var subtitle: String = ""
    var rightTitle: String?
    var error: String?
    /// Seconds since the failing source last answered: what the pane still shows is that old.
    var staleAge: TimeInterval?

    @discardableResult
    func render(into buffer: inout Buffer, area: Rect, state: DashboardState) -> Rect {
        let focused = state.focus == pane
        let theme = state.theme
        var title = " \(pane.title)"
        if !subtitle.isEmpty { title += " · \(subtitle)" }
        title += " "
        var right = rightTitle.map { " \($0) " }
        var rightStyle = theme[.muted]
        // A throttled source's pane says how often it is read now, before a long error is cut.
        let slowed = state.slowedPolls[pane.source].map { Sanitizer.clean($0.summary) }
        if let error {
            // The age first: a long error is cut at the end, and the age is what says how far to trust the pane.
            right = " ⚠ " + (staleAge.map { "data \(Format.duration($0)) old · " } ?? "") + (slowed.map { "\($0) · " } ?? "") + "\(Sanitizer.clean(error)) "
            rightStyle = theme[.error]
        } else if let slowed {
            right = " ⚠ \(slowed)" + (rightTitle.map { " · \($0)" } ?? "") + " "
            rightStyle = theme[.warn]
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
        block.cutsRightTitle = error != nil || slowed != nil
        return block.render(into: &buffer, area: area)
    }
}
