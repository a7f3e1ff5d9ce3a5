import CygniTerminal

/// The semantic roles views draw with. A theme maps each to a style; views never name colours.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case text, muted, accent
    case border, borderFocused = "border.focused"
    case title, titleFocused = "title.focused"
    case ok, warn, error
    case blue, green, stable, canary
    case selection, highlight
    case status, statusKey = "status.key", statusError = "status.error", statusWarn = "status.warn"
    case dialog, dialogBorder = "dialog.border", dialogTitle = "dialog.title"
    case header

    /// The role whose style stands in when a theme leaves this one out.
    var fallback: Role? {
        switch self {
        case .text: return nil
        case .borderFocused: return .border
        case .titleFocused: return .title
        case .statusKey, .statusError, .statusWarn: return .status
        case .dialogBorder: return .border
        case .dialogTitle: return .title
        case .stable: return .blue
        case .canary: return .green
        case .header: return .title
        default: return .text
        }
    }
}

/// A named set of styles by role, read from themes/*.toml.
public struct Theme: Equatable, Sendable {
    public var name: String
    private var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role, following fallbacks to `text` and finally the terminal default.
    public subscript(role: Role) -> Style {
        var current: Role? = role
        while let candidate = current {
            if let style = styles[candidate] { return style }
            current = candidate.fallback
        }
        return .plain
    }

    /// Used when no theme file can be read at all: terminal colours and attributes only.
    public static let builtInFallback = Theme(name: "fallback", styles: [
        .muted: Style(attributes: .dim),
        .borderFocused: Style(attributes: .bold),
        .titleFocused: Style(attributes: [.bold, .reverse]),
        .title: Style(attributes: .bold),
        .error: Style(attributes: .bold),
        .selection: Style(attributes: .reverse),
        .highlight: Style(attributes: [.reverse, .underline]),
        .status: Style(attributes: .reverse),
    ])
}
