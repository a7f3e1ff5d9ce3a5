/// One field of a structured log line besides its time, level and message: a key (nested
/// objects' keys joined with dots, `err.message`) and its value as text. Untrusted, as written by
/// the service: sanitize before display.
public struct LogField: Equatable, Sendable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The other fields of a structured line, kept within limits so that a hostile or runaway line
/// cannot make the log buffer (100,000 lines in the console) hold much more than its text: at
/// most `maxCount` fields, keys of at most `maxKeyLength` characters, values of at most
/// `maxValueLength`, `maxTotalLength` in all. What did not fit is counted, never silently lost.
public struct LogFields: Equatable, Sendable, Codable {
    public static let maxCount = 32
    public static let maxKeyLength = 64
    public static let maxValueLength = 2_048
    public static let maxTotalLength = 8_192

    /// By key, so equal lines show equal fields whatever order the writer used.
    public private(set) var items: [LogField]
    /// Fields left out because a limit was reached.
    public private(set) var dropped: Int
    /// Values cut at `maxValueLength` (they end in `…`).
    public private(set) var shortened: Int

    public init(items: [LogField] = [], dropped: Int = 0, shortened: Int = 0) {
        self.items = items
        self.dropped = dropped
        self.shortened = shortened
    }

    /// Keeps `fields` in key order within the limits; a repeated key keeps its first value.
    public init(bounding fields: [LogField]) {
        var seen: Set<String> = []
        var kept: [LogField] = []
        var (dropped, shortened, total) = (0, 0, 0)
        for field in fields.sorted(by: { $0.key < $1.key }) {
            let key = Self.cut(field.key, to: Self.maxKeyLength).text
            guard seen.insert(key).inserted else { continue }
            var (value, wasCut) = Self.cut(field.value, to: Self.maxValueLength)
            if kept.count >= Self.maxCount || total + key.count >= Self.maxTotalLength {
                dropped += 1
                continue
            }
            let room = Self.maxTotalLength - total - key.count
            if value.count > room {
                value = Self.cut(value, to: room).text
                wasCut = true
            }
            if wasCut { shortened += 1 }
            total += key.count + value.count
            kept.append(LogField(key: key, value: value))
        }
        self.init(items: kept, dropped: dropped, shortened: shortened)
    }

    /// Decoded fields (from cygnid, say) are held to the same limits as parsed ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bounded = LogFields(bounding: try container.decodeIfPresent([LogField].self, forKey: .items) ?? [])
        let dropped = max(0, min(try container.decodeIfPresent(Int.self, forKey: .dropped) ?? 0, Int.max / 2))
        let shortened = max(0, min(try container.decodeIfPresent(Int.self, forKey: .shortened) ?? 0, Int.max / 2))
        self.init(items: bounded.items, dropped: bounded.dropped + dropped, shortened: bounded.shortened + shortened)
    }

    private enum CodingKeys: String, CodingKey {
        case items, dropped, shortened
    }

    public var isEmpty: Bool { items.isEmpty && dropped == 0 }

    public subscript(key: String) -> String? {
        items.first { $0.key == key }?.value
    }

    /// At most `limit` characters, the last of them `…` when cut. Counting stops at the limit, so
    /// a value of megabytes is not walked whole.
    static func cut(_ text: String, to limit: Int) -> (text: String, wasCut: Bool) {
        guard limit > 0 else { return ("", !text.isEmpty) }
        var end = text.startIndex
        var count = 0
        while end < text.endIndex, count < limit {
            text.formIndex(after: &end)
            count += 1
        }
        guard end < text.endIndex else { return (text, false) }
        return (String(text[..<text.index(before: end)]) + "…", true)
    }
}
