import Foundation

/// Loads themes, keymaps and config.toml by name from the configuration directories.
public struct ConfigurationLoader: Sendable {
    public var directories: ConfigurationDirectories

    public init(directories: ConfigurationDirectories) {
        self.directories = directories
    }

    public func theme(named name: String) throws(ConfigurationError) -> Theme {
        guard let found = directories.path(kind: "themes", name: name) else {
            let known = directories.names(kind: "themes").joined(separator: ", ")
            throw ConfigurationError(file: "themes/\(name).toml", message: "no theme named \"\(name)\" (themes: \(known))")
        }
        return try ThemeParser.parse(try read(found.path), name: name, file: found.path)
    }

    /// A keymap with its `extends` chain resolved. A user file named like a built-in keymap
    /// extends that built-in implicitly, so it only needs the bindings it changes.
    public func keymap(named name: String) throws(ConfigurationError) -> Keymap {
        var chain: [(file: String, keymap: KeymapFile)] = []
        var nextName: String? = name
        var nextIsBuiltInOnly = false
        var seen: [String] = []
        while let current = nextName {
            let location: (path: String, isUser: Bool)?
            if nextIsBuiltInOnly {
                location = directories.builtInPath(kind: "keymaps", name: current).map { ($0, false) }
            } else {
                location = directories.path(kind: "keymaps", name: current)
            }
            guard let location else {
                let known = directories.names(kind: "keymaps").joined(separator: ", ")
                throw ConfigurationError(file: "keymaps/\(current).toml", message: "no keymap named \"\(current)\" (keymaps: \(known))")
            }
            if seen.contains(location.path) {
                throw ConfigurationError(file: location.path, message: "keymaps extend each other in a cycle: \(seen.joined(separator: " -> "))")
            }
            seen.append(location.path)
            let file = try KeymapFile.parse(try read(location.path), file: location.path)
            chain.append((location.path, file))
            if let base = file.extends {
                nextName = base
                nextIsBuiltInOnly = base == current
            } else if location.isUser, directories.builtInPath(kind: "keymaps", name: current) != nil {
                nextName = current
                nextIsBuiltInOnly = true
            } else {
                nextName = nil
            }
        }
        var bindings: [KeyContext: [KeyAction: [Key]]] = [:]
        for link in chain.reversed() {
            bindings = link.keymap.applied(to: bindings)
        }
        return try Keymap(name: name, bindings: bindings, file: chain.first?.file ?? name)
    }

    /// config.toml from the user directory, or the defaults when there is none.
    public func settings() throws(ConfigurationError) -> UserSettings {
        guard let user = directories.user else { return UserSettings() }
        let path = user + "/config.toml"
        guard FileManager.default.fileExists(atPath: path) else { return UserSettings() }
        return try UserSettings.parse(try read(path), file: path)
    }

    private func read(_ path: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, message: "is not UTF-8 text")
        }
        return text
    }
}

import CygniTerminal
