import CygniTerminal
import TOMLKit

/// Reads a theme file: `[roles]` maps role names to a colour (the foreground) or to a table
/// `{ fg = "...", bg = "...", attributes = ["bold"] }`. Colours are names, 0-255 or #rrggbb.
enum ThemeParser {
    static func parse(_ text: String, name: String, file: String) throws(ConfigurationError) -> Theme {
        let table = try TOMLDocument.parse(text, file: file)
        guard let roles = table["roles"]?.table else {
            throw ConfigurationError(file: file, message: "missing the [roles] table")
        }
        var styles: [Role: Style] = [:]
        for key in roles.keys {
            let line = SourceLines.line(of: key, in: text)
            guard let role = Role(rawValue: key) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(file: file, line: line, message: "unknown role \"\(key)\" (roles: \(known))")
            }
            guard let value = roles[key] else { continue }
            styles[role] = try style(from: value, role: key, file: file, line: line)
        }
        return Theme(name: name, styles: styles)
    }

    private static func style(from value: TOMLValueConvertible, role: String, file: String, line: Int?) throws(ConfigurationError) -> Style {
        if let text = value.string {
            return Style(foreground: try color(text, role: role, file: file, line: line))
        }
        guard let table = value.table else {
            throw ConfigurationError(file: file, line: line, message: "role \"\(role)\" must be a colour or a table with fg, bg, attributes")
        }
        var style = Style()
        for key in table.keys {
            switch key {
            case "fg", "bg":
                guard let text = table[key]?.string else {
                    throw ConfigurationError(file: file, line: line, message: "\(role).\(key) must be a string colour")
                }
                let parsed = try color(text, role: role, file: file, line: line)
                if key == "fg" { style.foreground = parsed } else { style.background = parsed }
            case "attributes":
                guard let list = table[key]?.array else {
                    throw ConfigurationError(file: file, line: line, message: "\(role).attributes must be a list such as [\"bold\"]")
                }
                for item in list {
                    guard let name = item.string, let attribute = TextAttributes(name: name) else {
                        throw ConfigurationError(
                            file: file, line: line,
                            message: "\(role).attributes: unknown attribute (use bold, dim, italic, underline, reverse, blink)"
                        )
                    }
                    style.attributes.formUnion(attribute)
                }
            default:
                throw ConfigurationError(file: file, line: line, message: "\(role): unknown field \"\(key)\" (fields: fg, bg, attributes)")
            }
        }
        return style
    }

    private static func color(_ text: String, role: String, file: String, line: Int?) throws(ConfigurationError) -> Color {
        guard let color = Color(parsing: text) else {
            throw ConfigurationError(
                file: file, line: line,
                message: "role \"\(role)\": \"\(text)\" is not a colour (use a name such as red or bright-blue, 0-255, or #rrggbb)"
            )
        }
        return color
    }
}

/// TOML parsing with errors that name the file and line.
enum TOMLDocument {
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw ConfigurationError(file: file, message: "\(error)")
        }
    }
}
