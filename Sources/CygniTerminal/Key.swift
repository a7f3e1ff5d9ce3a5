/// A key press as the console understands it, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// Control plus a lowercase letter (or one of `@[\]^_`).
    case control(Character)
    /// Alt (Meta) plus a character.
    case alt(Character)

    public static let space = Key.character(" ")

    /// Reads the notation of keymap files: single characters as themselves; Enter, Esc, Tab,
    /// Shift-Tab, Space, Backspace, Delete, Insert, Up, Down, Left, Right, PageUp, PageDown,
    /// Home, End, F1-F63; Ctrl-x and Alt-x. Names are case-insensitive; single characters are not.
    public init(notation: String) throws(KeyNotationError) {
        let text = notation
        guard !text.isEmpty else { throw KeyNotationError(notation: notation, problem: "the key is empty") }
        if text.count == 1, let only = text.first {
            self = .character(only)
            return
        }
        let lowered = text.lowercased()
        if let named = Key.named[lowered] {
            self = named
            return
        }
        for (prefix, isControl) in [("ctrl-", true), ("c-", true), ("alt-", false), ("m-", false), ("meta-", false)] {
            guard lowered.hasPrefix(prefix) else { continue }
            let rest = text.dropFirst(prefix.count)
            guard rest.count == 1, let character = rest.first else {
                throw KeyNotationError(notation: notation, problem: "\(prefix.dropLast()) takes exactly one character, as in \(prefix.capitalized)x")
            }
            if isControl {
                // Lowercase only ASCII: lowercasing some letters yields more than one Character.
                guard character.isASCII, let lower = character.lowercased().first,
                      lower.isLetter || "@[\\]^_".contains(lower) else {
                    throw KeyNotationError(notation: notation, problem: "Ctrl- works with letters and @[\\]^_ only")
                }
                self = .control(lower)
            } else {
                self = .alt(character)
            }
            return
        }
        // Digits only: Int("+1") would accept "F+1"; F13-F63 are shifted function keys in ncurses.
        let digits = lowered.dropFirst()
        if lowered.hasPrefix("f"), !digits.isEmpty, digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
           let number = Int(digits), (1...63).contains(number) {
            self = .function(number)
            return
        }
        throw KeyNotationError(notation: notation, problem: "unknown key name")
    }

    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "space": .space, "backspace": .backspace,
        "delete": .delete, "del": .delete, "insert": .insert, "up": .up, "down": .down, "left": .left,
        "right": .right, "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
        "home": .home, "end": .end,
    ]

    /// The key in keymap notation, for the help overlay and key hints.
    public var notation: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .function(let number): return "F\(number)"
        case .control(let character): return "Ctrl-\(character)"
        case .alt(let character): return "Alt-\(character)"
        }
    }

    public var description: String { notation }
}

public struct KeyNotationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var notation: String
    public var problem: String

    public var description: String { "key \"\(notation)\": \(problem)" }
}

/// What the terminal delivers to the run loop.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}
