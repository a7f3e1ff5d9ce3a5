extension LogLine {
    /// A logfmt line (`time=... level=warn msg="pool low" pool=orders`): every word a `key=value`
    /// pair (values may be quoted, with `\"` inside), with a message or a level among them. Lines
    /// with prose between the pairs are plain text, whose `level=` still gives the level.
    static func logfmt(_ text: String) -> LogLine? {
        guard text.utf8.count <= maxStructuredLength, let pairs = logfmtPairs(text), !pairs.isEmpty else { return nil }
        return structured(.logfmt, fields: pairs.map { (key: $0.key, value: FieldValue.logfmt($0.value)) })
    }

    /// The pairs of a line that holds nothing else, else nil.
    static func logfmtPairs(_ text: String) -> [(key: String, value: String)]? {
        var pairs: [(key: String, value: String)] = []
        var scalars = Substring(text).unicodeScalars[...]
        func skipSpaces() { while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() } }
        skipSpaces()
        while !scalars.isEmpty {
            var key = String.UnicodeScalarView()
            while let first = scalars.first, first != "=", first != " ", first != "\t", first != "\"" {
                key.append(first)
                scalars.removeFirst()
            }
            guard !key.isEmpty, scalars.first == "=" else { return nil }
            scalars.removeFirst()
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let first = scalars.popFirst() {
                    if first == "\\", let next = scalars.popFirst() {
                        value.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
                    } else if first == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(first)
                    }
                }
                guard closed else { return nil }
            } else {
                while let first = scalars.first, first != " ", first != "\t" {
                    value.append(first)
                    scalars.removeFirst()
                }
            }
            pairs.append((String(key), String(value)))
            skipSpaces()
        }
        return pairs
    }
}

extension FieldValue {
    /// logfmt has only text; a number that reads as one is kept as one (a `ts=` of epoch seconds).
    static func logfmt(_ text: String) -> FieldValue {
        if let number = Double(text), number.isFinite { return .number(number, written: text) }
        return .text(text)
    }
}
