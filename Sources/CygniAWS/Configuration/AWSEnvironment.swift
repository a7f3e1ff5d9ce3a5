import Foundation

/// The process environment and home directory the configuration is read from; tests pass their own.
public struct AWSEnvironment: Sendable, Equatable {
    public var variables: [String: String]
    public var homeDirectory: String

    public init(variables: [String: String], homeDirectory: String) {
        self.variables = variables
        self.homeDirectory = homeDirectory
    }

    /// The process's environment; the home directory is $HOME, as the AWS CLI's `~` is, and the
    /// account's home only without one (containers and `sudo -E` set HOME elsewhere).
    public static var current: AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables: variables, homeDirectory: variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
    }

    /// A variable's value, nil when unset or empty (the AWS CLI treats both the same).
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    func expandingHome(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst() }
        return path
    }

    var configFilePath: String { expandingHome(self["AWS_CONFIG_FILE"] ?? "~/.aws/config") }
    var credentialsFilePath: String { expandingHome(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials") }
}
