/// Why the full-screen console could not start.
public enum NcursesBackendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or run from cron).
    case notATerminal
    /// ncurses has no terminfo entry for TERM.
    case unknownTerminal(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the console needs a terminal on stdin and stdout; use a headless command such as `cx status` instead"
        case .unknownTerminal(let term):
            return "no terminfo entry for TERM=\(term.isEmpty ? "(unset)" : Sanitizer.clean(term)); try TERM=xterm-256color"
        }
    }
}
