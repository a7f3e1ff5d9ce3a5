/// Turns what `wget_wch` returned during one read into keys and resizes. Pure: the backend
/// feeds it codes, tests feed it hand-written sequences.
///
/// Alt-x arrives as ESC followed by x; ncurses already waited ESCDELAY for the rest of a
/// sequence, so ESC and x arriving in the same read means Alt, and a lone ESC means Escape.
/// Escape sequences ncurses did not recognise (a terminfo that lacks a key) are decoded for the
/// common keys or dropped whole, so their bytes never leak in as typed characters.
public struct InputDecoder: Sendable {
    public var keyCodes: KeyCodes

    public init(keyCodes: KeyCodes = .ncurses) {
        self.keyCodes = keyCodes
    }

    /// `screenSize` is the size after ncurses processed the resize, reported with KEY_RESIZE.
    public func decode(_ input: [RawInput], screenSize: (width: Int, height: Int)) -> [InputEvent] {
        var events: [InputEvent] = []
        var index = 0
        while index < input.count {
            switch input[index] {
            case .keyCode(let code):
                if code == keyCodes.resize {
                    events.append(.resize(width: screenSize.width, height: screenSize.height))
                } else if let key = keyCodes.key(for: code) {
                    events.append(.key(key))
                }
                index += 1
            case .character(Self.escape):
                index += 1
                events.append(contentsOf: decodeAfterEscape(input, at: &index))
            case .character(let value):
                if let key = Self.key(forCharacter: value) { events.append(.key(key)) }
                index += 1
            }
        }
        return events
    }

    static let escape: UInt32 = 0x1B

    /// Decodes what follows an ESC; `index` points just past it and is advanced over what is used.
    private func decodeAfterEscape(_ input: [RawInput], at index: inout Int) -> [InputEvent] {
        guard index < input.count, case .character(let next) = input[index] else { return [.key(.escape)] }
        // A CSI or SS3 sequence needs at least one byte after the introducer; `ESC [` alone is Alt-[.
        if next == 0x5B || next == 0x4F, index + 1 < input.count, case .character = input[index + 1] {
            return decodeSequence(input, at: &index)
        }
        if let scalar = Unicode.Scalar(next), next >= 0x20, next != 0x7F {
            index += 1
            return [.key(.alt(Character(scalar)))]
        }
        // ESC before ESC, a control or Backspace: report Escape and decode the rest on its own.
        return [.key(.escape)]
    }

    /// Decodes `[` or `O` plus parameters and a final byte; `index` points at the introducer.
    private func decodeSequence(_ input: [RawInput], at index: inout Int) -> [InputEvent] {
        let introducer = input[index]
        index += 1
        var parameters = ""
        while index < input.count, case .character(let value) = input[index] {
            index += 1
            guard let scalar = Unicode.Scalar(value) else { return [] }
            if (0x20...0x3F).contains(value) {
                parameters.unicodeScalars.append(scalar)
                continue
            }
            if (0x40...0x7E).contains(value) {
                guard let key = Self.sequenceKey(final: Character(scalar), parameters: parameters, isSS3: introducer == .character(0x4F)) else { return [] }
                return [.key(key)]
            }
            // Not a well-formed sequence: drop what was read rather than guess.
            return []
        }
        return []
    }

    /// xterm/VT220 encodings of the keys people press; modifiers (`1;5A`) are ignored.
    private static func sequenceKey(final: Character, parameters: String, isSS3: Bool) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return isSS3 || !parameters.isEmpty ? .function(3) : nil
        case "S": return .function(4)
        case "~":
            let first = parameters.split(separator: ";").first.flatMap { Int($0) }
            switch first {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11, 12, 13, 14, 15: return .function(first! - 10)
            case 17, 18, 19, 20, 21: return .function(first! - 11)
            case 23, 24: return .function(first! - 12)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// A plain character: Enter, Tab, Backspace, Ctrl-letters, or any printable scalar.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x1B: return .escape
        case 0x00: return .control("@")
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C: return .control("\\")
        case 0x1D: return .control("]")
        case 0x1E: return .control("^")
        case 0x1F: return .control("_")
        case 0x80...0x9F:
            return nil  // C1 controls are never typed; drop rather than let them reach the screen
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
