import Foundation

/// The shared config and credentials files, read once.
public struct SharedConfig: Sendable, Equatable {
    public var config: ConfigFile
    public var credentials: ConfigFile

    public init(config: ConfigFile = ConfigFile(), credentials: ConfigFile = ConfigFile()) {
        self.config = config
        self.credentials = credentials
    }

    /// Reads both files; a missing file is an empty one, as for the AWS CLI.
    public init(environment: AWSEnvironment) {
        func read(_ path: String) -> ConfigFile {
            guard let data = FileManager.default.contents(atPath: path) else { return ConfigFile() }
            return ConfigFile(parsing: String(decoding: data, as: UTF8.self))
        }
        self.init(config: read(environment.configFilePath), credentials: read(environment.credentialsFilePath))
    }

    func configProfile(_ name: String) -> [String: String]? {
        config.configProfiles[name]
    }

    func credentialsProfile(_ name: String) -> [String: String]? {
        credentials.sections[name]
    }

    /// The profile as botocore sees it: config-file values, overridden by credentials-file values.
    func profile(_ name: String) -> [String: String]? {
        let fromConfig = configProfile(name)
        let fromCredentials = credentialsProfile(name)
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }

    /// `[services NAME]` block `service_key.endpoint_url` for the profile's `services = NAME`.
    func serviceEndpoint(profile: String, serviceKey: String) -> String? {
        guard let block = configProfile(profile)?["services"], let section = config.namedSections("services")[block] else {
            return nil
        }
        return section["\(serviceKey).endpoint_url"]
    }
}
