/// What the command line says, which beats the environment and the files: `--profile`,
/// `--region`, `--endpoint-url`.
public struct ConfigurationOverrides: Sendable, Equatable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?

    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
    }
}
