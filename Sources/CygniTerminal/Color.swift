/// A colour as a theme names it. The backend maps it to what the terminal can show:
/// truecolor, the 256-colour cube, the 16 ANSI colours, or nothing under NO_COLOR.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (keeps transparent backgrounds transparent).
    case `default`
    /// 0-15 are the ANSI colours, 16-231 the colour cube, 232-255 the grey ramp.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    static let names: [(String, UInt8)] = [
        ("black", 0), ("red", 1), ("green", 2), ("yellow", 3), ("blue", 4), ("magenta", 5), ("cyan", 6),
        ("white", 7), ("bright-black", 8), ("gray", 8), ("grey", 8), ("bright-red", 9), ("bright-green", 10),
        ("bright-yellow", 11), ("bright-blue", 12), ("bright-magenta", 13), ("bright-cyan", 14),
        ("bright-white", 15),
    ]

    /// Reads a colour as theme files write it: a name (`red`, `bright-blue`, `default`),
    /// an index `0`-`255`, or `#rrggbb`. Returns nil for anything else.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "default" || value == "none" || value == "reset" {
            self = .default
        } else if let named = Color.names.first(where: { $0.0 == value.replacingOccurrences(of: "_", with: "-") }) {
            self = .indexed(named.1)
        } else if let index = UInt8(value) {
            self = .indexed(index)
        } else if value.hasPrefix("#"), value.count == 7, let packed = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8((packed >> 16) & 0xFF), UInt8((packed >> 8) & 0xFF), UInt8(packed & 0xFF))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let index): return "\(index)"
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

import Foundation
