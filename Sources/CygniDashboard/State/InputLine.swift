/// A line being typed at the bottom of the screen.
public struct InputLine: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        /// `:` commands.
        case command
        /// `/` filter of the focused list.
        case filter(PaneID)
        /// `/` search in the logs.
        case search
    }

    public var purpose: Purpose
    public var text: String

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
    }

    public var prompt: String {
        switch purpose {
        case .command: return ":"
        case .filter: return "filter /"
        case .search: return "search /"
        }
    }
}
