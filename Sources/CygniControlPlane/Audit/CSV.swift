/// RFC 4180 CSV (fields quoted when they hold a comma, a quote or a line break; quotes doubled;
/// CRLF line ends), with one convention so that an export reads back exactly, as PostgreSQL's
/// COPY has it: an empty field written bare is null, one written `""` is empty text.
enum CSV {
    static func line(_ fields: [String?]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String?) -> String {
        guard let value else { return "" }
        let special = value.isEmpty || value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// Every record of `text`, each a list of fields (nil for a bare empty field).
    static func records(_ text: String) throws(CSVError) -> [[String?]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String?]] = []
        var fields: [String?] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var index = 0

        func endField() {
            fields.append(quoted || !current.isEmpty ? String(current) : nil)
            current = String.UnicodeScalarView()
            quoted = false
        }
        func endRecord() {
            endField()
            records.append(fields)
            fields = []
        }

        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" && current.isEmpty && !quoted {
                quoted = true
                // A quoted field runs to the quote not doubled.
                while true {
                    guard index < scalars.count else { throw CSVError("record \(records.count + 1): a quoted field is not closed") }
                    let inner = scalars[index]
                    index += 1
                    if inner == "\"" {
                        if index < scalars.count, scalars[index] == "\"" {
                            current.append("\"")
                            index += 1
                        } else {
                            break
                        }
                    } else {
                        current.append(inner)
                    }
                }
                if index < scalars.count, !(scalars[index] == "," || scalars[index] == "\r" || scalars[index] == "\n") {
                    throw CSVError("record \(records.count + 1): text after a closing quote")
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r" where index < scalars.count && scalars[index] == "\n":
                index += 1
                endRecord()
            case "\n":
                endRecord()
            case "\"":
                throw CSVError("record \(records.count + 1): a quote inside a field that is not quoted")
            default:
                current.append(scalar)
            }
        }
        // The last line's end is optional.
        if !fields.isEmpty || !current.isEmpty || quoted { endRecord() }
        return records
    }
}

struct CSVError: Error, CustomStringConvertible, Sendable {
    var description: String
    init(_ description: String) { self.description = description }
}
