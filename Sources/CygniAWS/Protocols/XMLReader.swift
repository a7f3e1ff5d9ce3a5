import Foundation

/// A small, strict XML reader for AWS responses: elements, text, the five entities and numeric
/// references, CDATA, comments, processing instructions and DOCTYPE (skipped), attributes
/// (skipped). FoundationXML is not used: on Linux it traps on some malformed input, and a decoder
/// fed hostile bytes must fail, never crash. Depth is limited, so nesting cannot exhaust the stack.
struct XMLReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var index = 0
    static let maxDepth = 256

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws -> XMLNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        try skipMisc()
        guard peek == UInt8(ascii: "<") else { throw Malformed() }
        let root = try element(depth: 0)
        try skipMisc()
        guard index == bytes.count else { throw Malformed() }
        return root
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func starts(with text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return index + utf8.count <= bytes.count && bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    private mutating func skip(past terminator: String) throws {
        let utf8 = Array(terminator.utf8)
        while index + utf8.count <= bytes.count {
            if bytes[index..<index + utf8.count].elementsEqual(utf8) {
                index += utf8.count
                return
            }
            index += 1
        }
        throw Malformed()
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { index += 1 }
    }

    /// Whitespace, comments, `<?...?>` and `<!DOCTYPE ...>` between top-level parts.
    private mutating func skipMisc() throws {
        while true {
            skipWhitespace()
            if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<!DOCTYPE") || starts(with: "<!doctype") {
                try skip(past: ">")
            } else {
                return
            }
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<"))
    }

    private mutating func name() throws -> String {
        let start = index
        while let byte = peek, Self.isNameByte(byte) { index += 1 }
        guard index > start else { throw Malformed() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private mutating func element(depth: Int) throws -> XMLNode {
        guard depth < Self.maxDepth else { throw Malformed() }
        index += 1  // "<"
        let qualified = try name()
        try skipAttributes()
        var node = XMLNode(name: Self.localName(qualified))
        if starts(with: "/>") {
            index += 2
            return node
        }
        guard peek == UInt8(ascii: ">") else { throw Malformed() }
        index += 1
        var text: [UInt8] = []
        while true {
            guard let byte = peek else { throw Malformed() }
            if byte != UInt8(ascii: "<") {
                if byte == UInt8(ascii: "&") {
                    text += try entity()
                } else {
                    text.append(byte)
                    index += 1
                }
            } else if starts(with: "</") {
                index += 2
                guard try name() == qualified else { throw Malformed() }
                skipWhitespace()
                guard peek == UInt8(ascii: ">") else { throw Malformed() }
                index += 1
                break
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text += bytes[start..<index - 3]
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<?") {
                try skip(past: "?>")
            } else {
                node.children.append(try element(depth: depth + 1))
            }
        }
        node.text = String(decoding: text, as: UTF8.self)
        if !node.children.isEmpty { node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return node
    }

    private mutating func skipAttributes() throws {
        while true {
            skipWhitespace()
            guard let byte = peek else { throw Malformed() }
            if byte == UInt8(ascii: ">") || starts(with: "/>") { return }
            _ = try name()
            skipWhitespace()
            guard peek == UInt8(ascii: "=") else { throw Malformed() }
            index += 1
            skipWhitespace()
            guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Malformed() }
            index += 1
            while let next = peek, next != quote { index += 1 }
            guard peek == quote else { throw Malformed() }
            index += 1
        }
    }

    private mutating func entity() throws -> [UInt8] {
        let start = index
        while let byte = peek, byte != UInt8(ascii: ";"), index - start < 12 { index += 1 }
        guard peek == UInt8(ascii: ";") else { throw Malformed() }
        let body = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        index += 1
        switch body {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let value: UInt32?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                value = UInt32(body.dropFirst(2), radix: 16)
            } else if body.hasPrefix("#") {
                value = UInt32(body.dropFirst())
            } else {
                value = nil
            }
            guard let value, let scalar = Unicode.Scalar(value) else { throw Malformed() }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
