/// The INI dialect of ~/.aws/config and ~/.aws/credentials, read as botocore's configparser reads
/// it: `[section]` headers, `key = value` or `key: value`, keys lower-cased, full-line `#`/`;`
/// comments (no inline comments), indented lines either continue a value or, under a key with an
/// empty value, form a sub-section stored as `parent.key` (how `[services x]` blocks are written).
public struct ConfigFile: Sendable, Equatable {
    /// Section name as written between the brackets, trimmed.
    public private(set) var sections: [String: [String: String]] = [:]

    public init() {}

    public init(parsing text: String) {
        var current: String?
        var lastKey: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if !indented, trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                let name = trimmed.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                if sections[name] == nil { sections[name] = [:] }
                lastKey = nil
                parentKey = nil
                continue
            }
            guard let section = current else { continue }
            if indented, let key = lastKey {
                if let (subkey, value) = Self.keyValue(trimmed), parentKey == key || sections[section]?[key] == "" {
                    parentKey = key
                    sections[section]?["\(key).\(subkey)"] = value
                } else {
                    let existing = sections[section]?[key] ?? ""
                    sections[section]?[key] = existing.isEmpty ? trimmed : existing + "\n" + trimmed
                }
                continue
            }
            guard let (key, value) = Self.keyValue(trimmed) else { continue }
            sections[section]?[key] = value
            lastKey = key
            parentKey = nil
        }
    }

    private static func keyValue(_ line: String) -> (String, String)? {
        guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    /// Profiles of a config file: `[default]`, `[profile NAME]` (and `[profile default]`).
    public var configProfiles: [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        for (name, values) in sections {
            let parts = name.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            if parts.count == 2, parts[0] == "profile" {
                let profile = parts[1].trimmingCharacters(in: .whitespaces)
                profiles[profile, default: [:]].merge(values) { _, new in new }
            } else if name == "default" {
                // "[profile default]" wins over "[default]", as in botocore.
                profiles["default"] = values.merging(profiles["default"] ?? [:]) { _, explicit in explicit }
            }
        }
        return profiles
    }

    /// Named blocks of a config file such as `[services NAME]` or `[sso-session NAME]`.
    public func namedSections(_ kind: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for (name, values) in sections {
            let parts = name.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            if parts.count == 2, parts[0] == kind {
                result[parts[1].trimmingCharacters(in: .whitespaces)] = values
            }
        }
        return result
    }
}
