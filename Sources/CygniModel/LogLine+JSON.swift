import Foundation

extension LogLine {
    /// Objects nest at most this deep before the parser is asked: a line of ten thousand `[`
    /// is text, not a stack overflow. Real log lines nest two or three levels.
    static let maxJSONDepth = 16
    /// Nested objects are flattened (`err.message`) this deep; below it a value is kept as JSON.
    static let flattenedDepth = 4

    /// A JSON object line with a message or a level, else nil (not JSON, half-written, too deep,
    /// too long, or some other document).
    static func json(_ text: String) -> LogLine? {
        let utf8 = text.utf8
        // Most lines are not JSON: tell so from the first byte before copying anything.
        guard utf8.count <= maxStructuredLength, utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.first == "{", trimmed.last == "}", nestsAtMost(maxJSONDepth, trimmed.utf8) else { return nil }
        guard let value = try? JSONDecoder().decode(LooseJSON.self, from: Data(trimmed.utf8)), case .object(let members) = value else {
            return nil
        }
        var flat: [(key: String, value: FieldValue)] = []
        flatten(members, prefix: "", depth: 1, into: &flat)
        return structured(.json, fields: flat)
    }

    private static func flatten(_ members: [String: LooseJSON], prefix: String, depth: Int, into flat: inout [(key: String, value: FieldValue)]) {
        for (name, value) in members {
            let key = prefix + name
            switch value {
            case .object(let inner) where depth < flattenedDepth && !inner.isEmpty:
                flatten(inner, prefix: key + ".", depth: depth + 1, into: &flat)
            case .string(let text): flat.append((key, .text(text)))
            case .number(let number, let written): flat.append((key, .number(number, written: written)))
            default: flat.append((key, .text(value.compactText)))
            }
        }
    }

    /// Counts brackets outside strings; the decoder is asked only about what passes.
    private static func nestsAtMost(_ limit: Int, _ bytes: String.UTF8View) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return false }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return true
    }
}

/// Any JSON value, decoded by Foundation; numbers keep how they were written where it matters
/// (an integer stays `30`, not `30.0`).
enum LooseJSON: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double, written: String)
    case string(String)
    case array([LooseJSON])
    case object([String: LooseJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Strings first: most values of a log line are, and every miss costs a thrown error.
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(Double(integer), written: String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .number(number, written: String(number))
        } else if let items = try? container.decode([LooseJSON].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: LooseJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number, let written):
            if let integer = Int64(written) { try container.encode(integer) } else { try container.encode(number) }
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }

    /// Compact JSON with sorted keys: how a field shows a value it does not take apart.
    var compactText: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .number(_, let written): return written
        case .string(let text): return text
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }
    }
}
