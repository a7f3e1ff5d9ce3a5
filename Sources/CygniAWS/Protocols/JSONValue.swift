import Foundation

/// A JSON document held loosely: decoders read the fields they know, ignore the rest, and treat a
/// missing or mistyped field as absent. That is how moto's quirks (an object where the model says
/// list, integers where it says doubles) are survived.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a body; an empty body is an empty object (several APIs answer 200 with nothing).
    public static func parse(_ data: Data) throws -> JSONValue {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) { return .object([:]) }
        return try JSONParser.parse(data)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var string: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): return String(flag)
        default: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .number(let number): return number
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    public var int: Int? {
        guard let double, double.isFinite, abs(double) < 9e18 else { return nil }
        return Int(double)
    }

    public var bool: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text): return Bool(text.lowercased())
        default: return nil
        }
    }

    /// Elements of an array; anything else (moto sends `{}` for some lists) reads as empty.
    public var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    public var object: [String: JSONValue] {
        if case .object(let fields) = self { return fields }
        return [:]
    }

    /// JSON timestamps from AWS are epoch seconds (possibly fractional); some APIs send ISO 8601.
    public var date: Date? {
        switch self {
        case .number(let seconds): return Date(timeIntervalSince1970: seconds)
        case .string(let text): return Double(text).map(Date.init(timeIntervalSince1970:)) ?? Timestamp.parseISO8601(text)
        default: return nil
        }
    }

    public var strings: [String] { array.compactMap(\.string) }
}

extension JSONValue {
    /// Compact JSON with keys sorted, so equal inputs make equal bodies (moto matches queued Cost
    /// Explorer results by exact body).
    public var serialized: Data {
        var output: [UInt8] = []
        write(to: &output)
        return Data(output)
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .number(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
                output += String(Int64(number)).utf8
            } else if number.isFinite {
                output += String(number).utf8
            } else {
                output += "null".utf8
            }
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let fields):
            output.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                fields[key]!.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Escapes quotes, backslashes and every control character (C0, DEL, C1) and the two line
    /// separators JavaScript chokes on, working on UTF-8 bytes: C1 controls are 0xC2 0x80-0x9F,
    /// U+2028 and U+2029 are 0xE2 0x80 0xA8-0xA9.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            var index = 0
            func escape(_ replacement: some Sequence<UInt8>, skipping extra: Int = 0) {
                output += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                output += replacement
                index += 1 + extra
                runStart = index
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape(#"\""#.utf8)
                case UInt8(ascii: "\\"): escape(#"\\"#.utf8)
                case 0x0a: escape(#"\n"#.utf8)
                case 0x0d: escape(#"\r"#.utf8)
                case 0x09: escape(#"\t"#.utf8)
                case 0x00..<0x20, 0x7f: escape(unicodeEscape(UInt32(byte)))
                case 0xc2 where index + 1 < bytes.count && (0x80...0x9f).contains(bytes[index + 1]):
                    escape(unicodeEscape(UInt32(bytes[index + 1])), skipping: 1)
                case 0xe2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (0xa8...0xa9).contains(bytes[index + 2]):
                    escape(unicodeEscape(0x2000 + UInt32(bytes[index + 2]) - 0x80), skipping: 2)
                default: index += 1
                }
            }
            output += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `\u` and four hex digits.
    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return Array(#"\u"#.utf8) + stride(from: 12, through: 0, by: -4).map { digits[Int((value >> UInt32($0)) & 0xf)] }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
