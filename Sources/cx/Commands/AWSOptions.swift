import ArgumentParser
import CygniAWS

/// The AWS flags of every command that reads AWS; they win over the environment and the profile.
struct AWSOptions: ParsableArguments {
    @Option(help: "AWS profile (as in ~/.aws/config); wins over AWS_PROFILE.")
    var profile: String?

    @Option(help: "AWS region; wins over AWS_REGION and the profile.")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: "Endpoint URL for every service (http:// only for loopback).")
    var endpointURL: String?

    /// A malformed URL or region is a usage error here, before any request is signed for it.
    func validate() throws {
        if let endpointURL, Endpoint(endpointURL) == nil {
            throw ValidationError("--endpoint-url must be an http(s) URL, not \"\(endpointURL)\"")
        }
        if let region, region.isEmpty || !region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw ValidationError("--region takes a region code such as eu-west-1, not \"\(region)\"")
        }
    }

    /// Whether any of them was given.
    var isGiven: Bool { profile != nil || region != nil || endpointURL != nil }

    var configuration: AWSConfiguration {
        AWSConfiguration.resolve(ConfigurationOverrides(profile: profile, region: region, endpointURL: endpointURL))
    }

    func client() -> AWSClient {
        AWSClient(configuration: configuration)
    }
}
