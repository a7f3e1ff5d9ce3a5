/// One value as `wget_wch` returns it: a character (a Unicode scalar or a control byte), or a
/// key code when ncurses recognised a keypad sequence (it returned KEY_CODE_YES).
public enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}
