/// How many colours the terminal can show through ncurses, best first.
public enum ColorDepth: Sendable, Equatable {
    /// 24-bit colour: needs a terminfo entry with direct colour (`RGB`, e.g. xterm-direct).
    case trueColor
    /// The xterm 256-colour palette: 16 ANSI colours, the 6x6x6 cube, a 24-step grey ramp.
    case palette256
    /// The 16 ANSI colours (8 on some terminals; the backend folds the bright ones down).
    case ansi16
    /// No colour at all: attributes only (NO_COLOR, dumb terminals).
    case monochrome

    /// Picks the depth from the environment and what terminfo says.
    ///
    /// - `NO_COLOR` with any non-empty value wins (https://no-color.org).
    /// - Truecolor needs both the user's word (`COLORTERM=truecolor` or `24bit`) and ncurses'
    ///   ability to emit it (terminfo `RGB` or at least 2^24 colours): in tmux with
    ///   TERM=tmux-256color COLORTERM is often set, yet ncurses can only send palette indices.
    public static func detect(environment: [String: String], colors: Int, hasRGBCapability: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        let userWantsTrueColor = colorTerm == "truecolor" || colorTerm == "24bit"
        if userWantsTrueColor && (hasRGBCapability || colors >= 1 << 24) { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .ansi16 }
        return .monochrome
    }
}
