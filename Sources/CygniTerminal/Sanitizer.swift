/// The one gate every string from data (logs, names, API fields, error messages) passes before
/// it reaches the screen. It removes whole escape sequences (CSI, OSC including OSC 52 clipboard
/// writes, DCS, SOS/PM/APC, in 7-bit and 8-bit forms), every other C0 and C1 control, and the
/// bidirectional overrides that can make text read differently from what it is. A newline ends
/// any sequence, so a stray ESC in one log line cannot swallow the lines after it.
public enum Sanitizer {
    /// One line of display text: newlines become spaces and tabs become a single space.
    public static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        return String(String.UnicodeScalarView(scrub(text.unicodeScalars, keepNewlines: false)))
    }

    /// Multi-line text (a log message with a stack trace): each line cleaned, tabs expanded.
    public static func cleanLines(_ text: String) -> [String] {
        let scalars = scrub(text.unicodeScalars, keepNewlines: true)
        return String(String.UnicodeScalarView(scalars))
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    /// True when a grapheme holds anything the terminal could interpret.
    public static func isUnsafe(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: isUnsafe)
    }

    /// True when any part of `text` is something the terminal could interpret.
    public static func containsUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (value >= 0x7F && value < 0xA0) || isBidiControl(value)
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C
    }

    private static func needsCleaning(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    private enum Mode {
        case text
        /// After ESC, deciding what kind of sequence follows.
        case escape
        /// Inside a CSI sequence: parameters until a final byte 0x40-0x7E.
        case controlSequence
        /// Inside OSC, DCS, SOS, PM or APC: everything until BEL or the string terminator.
        case controlString
        /// Saw ESC inside a control string: `\` ends it.
        case controlStringEscape
        /// ESC followed by intermediate bytes (0x20-0x2F) until a final byte.
        case escapeIntermediate
    }

    private static func scrub(_ input: String.UnicodeScalarView, keepNewlines: Bool) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(input.count)
        var mode = Mode.text
        for scalar in input {
            let value = scalar.value
            // A newline ends any sequence: output lines are shown one by one, so a sequence cannot
            // span them, and a stray ESC in a log line must not swallow the lines after it.
            if value == 0x0A { mode = .text }
            // Safety does not depend on the modes below: in text mode every unsafe scalar is
            // dropped. The modes only decide how much of a sequence's printable payload goes too.
            var reprocess = true
            while reprocess {
                reprocess = false
                switch mode {
                case .text:
                    switch value {
                    case 0x1B: mode = .escape
                    case 0x9B: mode = .controlSequence
                    case 0x90, 0x98, 0x9D, 0x9E, 0x9F: mode = .controlString
                    case 0x0A:
                        output.append(keepNewlines ? "\n" : " ")
                    case 0x09:
                        if keepNewlines {
                            output.append(contentsOf: repeatElement(Unicode.Scalar(0x20), count: 4))
                        } else {
                            output.append(" ")
                        }
                    default:
                        if !isUnsafe(scalar) { output.append(scalar) }
                    }
                case .escape:
                    switch value {
                    case 0x5B: mode = .controlSequence  // [
                    case 0x5D, 0x50, 0x58, 0x5E, 0x5F: mode = .controlString  // ] P X ^ _
                    case 0x20...0x2F: mode = .escapeIntermediate
                    case 0x30...0x7E: mode = .text  // a two-byte escape such as ESC c or ESC 7: dropped whole
                    default:
                        // Not an escape sequence after all: drop the ESC, keep what follows.
                        mode = .text
                        reprocess = true
                    }
                case .controlSequence:
                    if (0x40...0x7E).contains(value) {
                        mode = .text
                    } else if !(0x20...0x3F).contains(value) {
                        mode = .text  // malformed: stop swallowing and treat this scalar as text
                        reprocess = true
                    }
                case .controlString:
                    if value == 0x07 || value == 0x9C { mode = .text }
                    else if value == 0x1B { mode = .controlStringEscape }
                case .controlStringEscape:
                    mode = value == 0x5C ? .text : .controlString
                case .escapeIntermediate:
                    if (0x30...0x7E).contains(value) {
                        mode = .text
                    } else if !(0x20...0x2F).contains(value) {
                        mode = .text
                        reprocess = true
                    }
                }
            }
        }
        return output
    }
}
