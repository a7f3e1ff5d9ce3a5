import Foundation

/// Profile, region, endpoints and credentials, resolved the way the AWS CLI resolves them, with
/// the command line's `--profile`, `--region` and `--endpoint-url` on top.
public struct AWSConfiguration: Sendable {
    public var profile: String
    public var region: String?
    /// Which setting gave the region ("--region", "AWS_REGION", "profile dev"), or "none".
    public var regionSource: String
    public var credentials: CredentialsProvider
    public var endpointOverride: String?
    var environment: AWSEnvironment
    var files: SharedConfig

    /// A configuration given outright (tests, embedding): no files, no environment.
    public init(region: String?, credentials: CredentialsProvider, endpointURL: String? = nil, profile: String = "default") {
        self.profile = profile
        self.region = region
        self.regionSource = region == nil ? "none" : "explicit"
        self.credentials = credentials
        self.endpointOverride = endpointURL
        self.environment = AWSEnvironment(variables: [:], homeDirectory: "/nonexistent")
        self.files = SharedConfig()
    }

    /// Reads the environment and the shared files. Never throws: a broken credential setup
    /// surfaces when credentials are first needed, so `cx doctor` can report it as a check.
    public static func resolve(
        _ overrides: ConfigurationOverrides = ConfigurationOverrides(), environment: AWSEnvironment = .current,
        transport: HTTPTransport = .curl
    ) -> AWSConfiguration {
        let files = SharedConfig(environment: environment)
        let profile = overrides.profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
        let profileValues = files.profile(profile) ?? [:]

        var configuration = AWSConfiguration(region: nil, credentials: .fixed(Credentials(accessKeyID: "", secretAccessKey: "")))
        configuration.profile = profile
        configuration.environment = environment
        configuration.files = files
        configuration.endpointOverride = overrides.endpointURL
        if let region = overrides.region {
            (configuration.region, configuration.regionSource) = (region, "--region")
        } else if let region = environment["AWS_REGION"] {
            (configuration.region, configuration.regionSource) = (region, "AWS_REGION")
        } else if let region = environment["AWS_DEFAULT_REGION"] {
            (configuration.region, configuration.regionSource) = (region, "AWS_DEFAULT_REGION")
        } else if let region = profileValues["region"], !region.isEmpty {
            (configuration.region, configuration.regionSource) = (region, "profile \(profile)")
        }

        let source = Result { try CredentialSource.resolve(explicitProfile: overrides.profile, environment: environment, files: files) }
        let base = configuration
        let summary = (try? source.get())?.summary ?? "unresolved"
        configuration.credentials = CredentialsProvider(summary: summary) {
            try await obtain(try source.get(), base: base, transport: transport)
        }
        return configuration
    }

    private static func obtain(_ source: CredentialSource, base: AWSConfiguration, transport: HTTPTransport) async throws -> Credentials {
        switch source {
        case .fixed(let credentials):
            return credentials
        case .process(let command, let profile):
            return try await CredentialProcess.run(command, profile: profile)
        case .webIdentity(let request):
            do {
                return try await STSClient(AWSClient(configuration: stsConfiguration(base), transport: transport)).assumeRoleWithWebIdentity(request)
            } catch let error as AWSError {
                throw ConfigurationError(
                    .assumeRoleFailed, "\(request.origin): could not assume role \(request.roleARN) by web identity: \(error.code): \(error.message)"
                )
            }
        case .singleSignOn(let request):
            return try await request.credentials(environment: base.environment, transport: transport, now: Date())
        case .container(let request):
            return try await request.credentials(transport: transport)
        case .assumeRole(let request, let sourceOfSource):
            let sourceCredentials = try await obtain(sourceOfSource, base: base, transport: transport)
            var configuration = stsConfiguration(base)
            configuration.credentials = .fixed(sourceCredentials)
            let sts = STSClient(AWSClient(configuration: configuration, transport: transport))
            do {
                return try await sts.assumeRole(request)
            } catch let error as AWSError {
                throw ConfigurationError(
                    .assumeRoleFailed, "profile \(request.profile): could not assume role \(request.roleARN): \(error.code): \(error.message)"
                )
            }
        }
    }

    /// STS for fetching credentials: the profile's region and endpoints, us-east-1 without one.
    private static func stsConfiguration(_ base: AWSConfiguration) -> AWSConfiguration {
        var configuration = base
        if configuration.region == nil { configuration.region = "us-east-1" }
        return configuration
    }

    /// Everything that decides which account and endpoint calls reach, as one string: answers
    /// cached on disk are keyed by it, so two profiles, two sets of keys, two config files or
    /// two roles never share one. (Values are only hashed by callers, never shown.)
    public var accountFingerprint: String {
        let variables = [
            "AWS_ACCESS_KEY_ID", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COST_EXPLORER",
        ]
        return ([profile, region ?? "", endpointOverride ?? "", credentials.summary, environment.configFilePath, environment.credentialsFilePath]
            + variables.map { environment[$0] ?? "" }).joined(separator: "|")
    }

    var ignoresConfiguredEndpoints: Bool {
        environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || files.profile(profile)?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
    }

    /// The endpoint for a service: `--endpoint-url`, AWS_ENDPOINT_URL_<SERVICE>, the profile's
    /// `services` block, AWS_ENDPOINT_URL, the profile's `endpoint_url`, then AWS's own.
    public func endpoint(for service: ServiceDescriptor) throws -> ResolvedEndpoint {
        var configured: (url: String, source: String)?
        if let url = endpointOverride {
            configured = (url, "--endpoint-url")
        } else if !ignoresConfiguredEndpoints {
            let key = "AWS_ENDPOINT_URL_\(service.environmentKey)"
            if let url = environment[key] {
                configured = (url, key)
            } else if let url = files.serviceEndpoint(profile: profile, serviceKey: service.configKey) {
                configured = (url, "services block of profile \(profile)")
            } else if let url = environment["AWS_ENDPOINT_URL"] {
                configured = (url, "AWS_ENDPOINT_URL")
            } else if let url = files.profile(profile)?["endpoint_url"], !url.isEmpty {
                configured = (url, "endpoint_url of profile \(profile)")
            }
        }
        if let configured {
            guard Endpoint(configured.url) != nil else {
                throw ConfigurationError(.invalidEndpoint, "\(configured.source) is not an http(s) URL: \(configured.url)")
            }
            // Global services sign for their home region whatever the client's region is, unless
            // the URL is one of their other regional AWS endpoints (Pricing's eu-central-1).
            let regional = service.globalEndpoint == nil ? nil : Self.awsRegion(in: configured.url, endpointPrefix: service.endpointPrefix)
            guard let region = regional ?? service.globalEndpoint?.region ?? region else { throw noRegion }
            return ResolvedEndpoint(url: configured.url, signingRegion: region, source: configured.source)
        }
        if let global = service.globalEndpoint {
            return ResolvedEndpoint(url: "https://\(global.host)", signingRegion: global.region, source: "default")
        }
        guard let region else { throw noRegion }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return ResolvedEndpoint(url: "https://\(service.endpointPrefix).\(region).\(suffix)", signingRegion: region, source: "default")
    }

    /// "eu-central-1" from "https://api.pricing.eu-central-1.amazonaws.com"; nil for any other host.
    static func awsRegion(in url: String, endpointPrefix: String) -> String? {
        guard let host = Endpoint(url)?.host, host.hasPrefix(endpointPrefix + ".") else { return nil }
        let rest = host.dropFirst(endpointPrefix.count + 1)
        for suffix in [".amazonaws.com", ".amazonaws.com.cn"] where rest.hasSuffix(suffix) {
            let region = rest.dropLast(suffix.count)
            if !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) { return String(region) }
        }
        return nil
    }

    private var noRegion: ConfigurationError {
        ConfigurationError(.noRegion, "no AWS region: pass --region, set AWS_REGION, or set region in profile \(profile)")
    }
}
