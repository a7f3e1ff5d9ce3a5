import Foundation

/// Where theme and keymap files are found: the user's directory first
/// ($XDG_CONFIG_HOME/cygni, or ~/.config/cygni), then the files that ship with cx.
public struct ConfigurationDirectories: Equatable, Sendable {
    /// $XDG_CONFIG_HOME/cygni: holds config.toml, themes/, keymaps/.
    public var user: String?
    /// The directory holding the built-in themes/ and keymaps/.
    public var builtIn: String?

    public init(user: String?, builtIn: String?) {
        self.user = user
        self.builtIn = builtIn
    }

    /// Resolves both from the environment and the location of the running executable.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConfigurationDirectories {
        let user: String?
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            user = xdg + "/cygni"
        } else if let home = environment["HOME"], !home.isEmpty {
            user = home + "/.config/cygni"
        } else {
            user = nil
        }
        return ConfigurationDirectories(user: user, builtIn: locateBuiltIn(environment: environment))
    }

    /// Candidates, in order: CYGNI_DATA_DIR; the resource bundle SwiftPM puts beside the binary;
    /// ../share/cygni beside the binary (an installed layout); the source tree this was built from.
    static func locateBuiltIn(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let explicit = environment["CYGNI_DATA_DIR"], !explicit.isEmpty { candidates.append(explicit) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let binDir = executable.deletingLastPathComponent().path
        candidates.append(binDir + "/Cygni_CygniDashboard.resources")
        candidates.append(binDir + "/../share/cygni")
        let sourceResources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources").path
        candidates.append(sourceResources)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/themes/default.toml") }
    }

    func path(kind: String, name: String) -> (path: String, isUser: Bool)? {
        if let user, FileManager.default.fileExists(atPath: "\(user)/\(kind)/\(name).toml") {
            return ("\(user)/\(kind)/\(name).toml", true)
        }
        if let builtIn, FileManager.default.fileExists(atPath: "\(builtIn)/\(kind)/\(name).toml") {
            return ("\(builtIn)/\(kind)/\(name).toml", false)
        }
        return nil
    }

    func builtInPath(kind: String, name: String) -> String? {
        guard let builtIn, FileManager.default.fileExists(atPath: "\(builtIn)/\(kind)/\(name).toml") else { return nil }
        return "\(builtIn)/\(kind)/\(name).toml"
    }

    /// Every name available for a kind (themes or keymaps), user and built-in, sorted.
    public func names(kind: String) -> [String] {
        var names = Set<String>()
        for directory in [user, builtIn].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(kind)")) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }
}
