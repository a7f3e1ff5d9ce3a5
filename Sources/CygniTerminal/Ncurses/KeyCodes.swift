import CNcursesw

/// The ncurses key codes the decoder understands. Taken from ncurses' own headers through the
/// shim (never derived by hand); a value so tests can build raw sequences with the same codes.
public struct KeyCodes: Sendable, Equatable {
    public var up, down, left, right, home, end, pageUp, pageDown: Int32
    public var backspace, delete, insert, enter, backTab, resize, mouse: Int32
    /// KEY_F(1) ... KEY_F(12).
    public var function: [Int32]

    public static let ncurses = KeyCodes(
        up: cygni_key_up(), down: cygni_key_down(), left: cygni_key_left(), right: cygni_key_right(),
        home: cygni_key_home(), end: cygni_key_end(), pageUp: cygni_key_ppage(), pageDown: cygni_key_npage(),
        backspace: cygni_key_backspace(), delete: cygni_key_dc(), insert: cygni_key_ic(),
        enter: cygni_key_enter(), backTab: cygni_key_btab(), resize: cygni_key_resize(),
        mouse: cygni_key_mouse(), function: (1...12).map { cygni_key_f($0) }
    )

    /// The key a code stands for, if any (resize and mouse are not keys).
    func key(for code: Int32) -> Key? {
        switch code {
        case up: return .up
        case down: return .down
        case left: return .left
        case right: return .right
        case home: return .home
        case end: return .end
        case pageUp: return .pageUp
        case pageDown: return .pageDown
        case backspace: return .backspace
        case delete: return .delete
        case insert: return .insert
        case enter: return .enter
        case backTab: return .backTab
        default:
            if let index = function.firstIndex(of: code) { return .function(index + 1) }
            return nil
        }
    }
}
