import CygniTerminal
import TOMLKit

/// Reads a keymap file:
/// ```toml
/// extends = "default"          # optional: start from another keymap
/// [global]
/// quit = ["q", "Ctrl-c"]
/// "focus.next" = ["Tab"]
/// rollback = []                # unbinds
/// [confirm]
/// confirm = ["y", "Enter"]
/// ```
/// An action listed replaces the base's keys for that action in that context.
struct KeymapFile: Sendable {
    var extends: String?
    var overrides: [KeyContext: [KeyAction: [Key]]]

    static func parse(_ text: String, file: String) throws(ConfigurationError) -> KeymapFile {
        let table = try TOMLDocument.parse(text, file: file)
        var result = KeymapFile(extends: nil, overrides: [:])
        for key in table.keys {
            if key == "extends" {
                guard let base = table[key]?.string else {
                    throw ConfigurationError(file: file, line: SourceLines.line(of: key, in: text), message: "extends must be the name of a keymap")
                }
                result.extends = base
                continue
            }
            if key == "name" || key == "description" { continue }
            guard let context = KeyContext(rawValue: key) else {
                let known = KeyContext.allCases.map { "[\($0.rawValue)]" }.joined(separator: ", ")
                throw ConfigurationError(
                    file: file, line: SourceLines.line(ofSection: key, in: text) ?? SourceLines.line(of: key, in: text),
                    message: "unknown section \"\(key)\" (sections: \(known))"
                )
            }
            guard let section = table[key]?.table else {
                throw ConfigurationError(file: file, line: SourceLines.line(of: key, in: text), message: "\(key) must be a table of action = [keys]")
            }
            let sectionLine = SourceLines.line(ofSection: key, in: text).map { $0 - 1 } ?? 0
            var bindings: [KeyAction: [Key]] = [:]
            for name in section.keys {
                let line = SourceLines.line(of: name, in: text, after: sectionLine)
                guard let action = KeyAction(rawValue: name) else {
                    throw ConfigurationError(file: file, line: line, message: "unknown action \"\(name)\" in [\(key)]\(suggestion(for: name))")
                }
                let value = section[name]
                let notations: [String]
                if let single = value?.string {
                    notations = [single]
                } else if let list = value?.array {
                    var strings: [String] = []
                    for item in list {
                        guard let string = item.string else {
                            throw ConfigurationError(file: file, line: line, message: "\(name): keys must be strings such as \"q\" or \"Ctrl-c\"")
                        }
                        strings.append(string)
                    }
                    notations = strings
                } else {
                    throw ConfigurationError(file: file, line: line, message: "\(name) must be a list of keys, or [] to unbind")
                }
                var keys: [Key] = []
                for notation in notations {
                    do {
                        keys.append(try Key(notation: notation))
                    } catch {
                        throw ConfigurationError(file: file, line: line, message: "\(name): \(error)")
                    }
                }
                bindings[action] = keys
            }
            result.overrides[context] = bindings
        }
        return result
    }

    private static func suggestion(for name: String) -> String {
        let close = KeyAction.allCases.map(\.rawValue).filter { candidate in
            candidate.hasPrefix(String(name.prefix(3))) || name.hasPrefix(String(candidate.prefix(3)))
        }
        return close.isEmpty ? "" : " (did you mean \(close.prefix(3).joined(separator: ", "))?)"
    }

    /// This file's overrides laid over a base keymap's bindings.
    func applied(to base: [KeyContext: [KeyAction: [Key]]]) -> [KeyContext: [KeyAction: [Key]]] {
        var merged = base
        for (context, actions) in overrides {
            for (action, keys) in actions {
                merged[context, default: [:]][action] = keys
            }
        }
        return merged
    }
}
