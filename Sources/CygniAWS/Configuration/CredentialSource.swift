import Foundation

/// Parameters of one STS AssumeRole call, from a profile.
public struct AssumeRoleRequest: Sendable, Equatable {
    public var roleARN: String
    public var sessionName: String
    public var externalID: String?
    public var durationSeconds: Int?
    /// The profile that names the role, for messages.
    public var profile: String

    public init(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil, profile: String) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.profile = profile
    }
}

/// Where credentials come from, decided from the environment and the files without any I/O
/// beyond reading them. The order is botocore's chain: environment keys; the profile's role
/// (assumed, or by its web identity token file); web identity from the environment; the rest
/// of the profile (IAM Identity Center, credentials file, credential_process, config file);
/// container credentials. EC2 instance metadata is not read.
public indirect enum CredentialSource: Sendable, Equatable {
    case fixed(Credentials)
    case process(command: String, profile: String)
    case assumeRole(AssumeRoleRequest, source: CredentialSource)
    case webIdentity(WebIdentityRequest)
    case singleSignOn(SingleSignOnRequest)
    case container(ContainerCredentialsRequest)

    /// - Parameter explicitProfile: set by `--profile`; as in botocore it makes the profile win
    ///   over AWS_ACCESS_KEY_ID (AWS_PROFILE does not).
    public static func resolve(
        explicitProfile: String?, environment: AWSEnvironment, files: SharedConfig
    ) throws -> CredentialSource {
        if explicitProfile == nil, let fromEnvironment = try environmentCredentials(environment) {
            return .fixed(fromEnvironment)
        }
        let named = explicitProfile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
        let profile = named ?? "default"
        let values = files.profile(profile)
        if values == nil, named != nil {
            throw ConfigurationError(.profileNotFound, "the config profile (\(profile)) could not be found")
        }
        if let values, values["role_arn"] != nil {
            return try fromProfile(profile, environment: environment, files: files, visited: [])
        }
        if let webIdentity = WebIdentityRequest.from(environment: environment) {
            return .webIdentity(webIdentity)
        }
        // No profile, or one that only sets a region (common in container images): the
        // credentials are the container's, when it has any.
        if values.map({ !Self.holdsCredentials($0) }) ?? true, let container = try ContainerCredentialsRequest.from(environment: environment) {
            return .container(container)
        }
        guard values != nil else {
            throw ConfigurationError(
                .noCredentials,
                "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure, aws configure sso)"
            )
        }
        return try fromProfile(profile, environment: environment, files: files, visited: [])
    }

    static func holdsCredentials(_ profile: [String: String]) -> Bool {
        ["aws_access_key_id", "aws_secret_access_key", "credential_process", "role_arn", "sso_session", "sso_start_url", "web_identity_token_file"]
            .contains { profile[$0] != nil }
    }

    static func environmentCredentials(_ environment: AWSEnvironment) throws -> Credentials? {
        try keyPair(
            key: environment["AWS_ACCESS_KEY_ID"], secret: environment["AWS_SECRET_ACCESS_KEY"],
            token: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"], source: "environment",
            whenPartial: "partial credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set"
        )
    }

    /// Both halves of a key, or neither; one alone is a configuration mistake worth naming.
    static func keyPair(key: String?, secret: String?, token: String?, source: String, whenPartial: String) throws -> Credentials? {
        switch (key, secret) {
        case (nil, nil):
            return nil
        case let (key?, secret?):
            return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: source)
        default:
            throw ConfigurationError(.partialCredentials, whenPartial)
        }
    }

    static func fromProfile(_ name: String, environment: AWSEnvironment, files: SharedConfig, visited: [String]) throws -> CredentialSource {
        guard let profile = files.profile(name) else {
            throw ConfigurationError(.profileNotFound, "the source profile (\(name)) could not be found")
        }
        if let roleARN = profile["role_arn"] {
            return try assumeRole(roleARN, profileName: name, profile: profile, environment: environment, files: files, visited: visited)
        }
        if profile["sso_start_url"] != nil || profile["sso_session"] != nil {
            return .singleSignOn(try SingleSignOnRequest.from(profile: profile, named: name, files: files))
        }
        if let fixed = try staticCredentials(files.credentialsProfile(name), profileName: name, file: "credentials file") {
            return .fixed(fixed)
        }
        if let command = files.configProfile(name)?["credential_process"] {
            return .process(command: command, profile: name)
        }
        if let fixed = try staticCredentials(files.configProfile(name), profileName: name, file: "config file") {
            return .fixed(fixed)
        }
        throw ConfigurationError(.noCredentials, "profile \(name) has no credentials (no keys, credential_process or role_arn)")
    }

    static func staticCredentials(_ profile: [String: String]?, profileName: String, file: String) throws -> Credentials? {
        guard let profile else { return nil }
        return try keyPair(
            key: profile["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 },
            secret: profile["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 },
            token: profile["aws_session_token"] ?? profile["aws_security_token"], source: "profile \(profileName) (\(file))",
            whenPartial: "profile \(profileName) in the \(file) has only one of aws_access_key_id and aws_secret_access_key"
        )
    }

    private static func assumeRole(
        _ roleARN: String, profileName: String, profile: [String: String], environment: AWSEnvironment,
        files: SharedConfig, visited: [String]
    ) throws -> CredentialSource {
        if let webIdentity = WebIdentityRequest.from(profile: profile, named: profileName, roleARN: roleARN) {
            return .webIdentity(webIdentity)
        }
        if profile["mfa_serial"] != nil {
            throw ConfigurationError(.unsupported, "profile \(profileName): roles that need an MFA code are not supported (cx cannot prompt)")
        }
        let request = AssumeRoleRequest(
            roleARN: roleARN,
            sessionName: profile["role_session_name"] ?? "cx-session-\(Int(Date().timeIntervalSince1970))",
            externalID: profile["external_id"],
            durationSeconds: profile["duration_seconds"].flatMap { Int($0) },
            profile: profileName
        )
        let source: CredentialSource
        switch (profile["source_profile"], profile["credential_source"]) {
        case (nil, nil):
            throw ConfigurationError(.noCredentials, "profile \(profileName) has role_arn but neither source_profile nor credential_source")
        case (_?, _?):
            throw ConfigurationError(.noCredentials, "profile \(profileName) has both source_profile and credential_source; keep one")
        case (let sourceName?, nil):
            if visited.contains(sourceName) || sourceName == profileName && visited.contains(profileName) {
                throw ConfigurationError(.cycle, "source_profile cycle: \((visited + [profileName, sourceName]).joined(separator: " -> "))")
            }
            if sourceName == profileName {
                // A profile that is its own source uses its own static keys for the first hop.
                guard let fixed = try staticCredentials(files.profile(profileName), profileName: profileName, file: "profile") else {
                    throw ConfigurationError(.noCredentials, "profile \(profileName) is its own source_profile but has no keys")
                }
                source = .fixed(fixed)
            } else {
                source = try fromProfile(sourceName, environment: environment, files: files, visited: visited + [profileName])
            }
        case (nil, let credentialSource?):
            guard credentialSource == "Environment" else {
                throw ConfigurationError(
                    .unsupported, "profile \(profileName): credential_source \(credentialSource) is not supported (only Environment)"
                )
            }
            guard let fixed = try environmentCredentials(environment) else {
                throw ConfigurationError(.noCredentials, "profile \(profileName): credential_source Environment, but AWS_ACCESS_KEY_ID is not set")
            }
            source = .fixed(fixed)
        }
        return .assumeRole(request, source: source)
    }

    /// "environment", "credential_process of profile x", "assume-role arn:... via ...", for doctor.
    public var summary: String {
        switch self {
        case .fixed(let credentials): return credentials.source
        case .process(_, let profile): return "credential_process of profile \(profile)"
        case .assumeRole(let request, let source): return "role \(request.roleARN) via \(source.summary)"
        case .webIdentity(let request): return "role \(request.roleARN) by web identity (\(request.origin))"
        case .singleSignOn(let request): return "IAM Identity Center role \(request.roleName) in \(request.accountID) (profile \(request.profile))"
        case .container: return "container credentials"
        }
    }
}
