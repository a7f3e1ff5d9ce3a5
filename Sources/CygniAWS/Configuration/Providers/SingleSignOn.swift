import COpenSSL
import Foundation

/// An IAM Identity Center (SSO) profile: the account and role to get credentials for, and the
/// login whose token the AWS CLI cached after `aws sso login`.
public struct SingleSignOnRequest: Sendable, Equatable {
    public var startURL: String
    /// Where the Identity Center portal lives (sso_region), not the region cx works in.
    public var region: String
    public var accountID: String
    public var roleName: String
    /// The `[sso-session NAME]` block, or nil for a legacy profile with sso_start_url.
    public var sessionName: String?
    public var profile: String

    /// A profile's SSO settings, from the profile itself or its sso-session block.
    static func from(profile: [String: String], named name: String, files: SharedConfig) throws -> SingleSignOnRequest {
        var settings = profile
        var sessionName: String?
        if let session = profile["sso_session"] {
            guard let block = files.config.namedSections("sso-session")[session] else {
                throw ConfigurationError(.profileNotFound, "profile \(name): sso_session \(session) has no [sso-session \(session)] block in the config file")
            }
            settings.merge(block) { profileValue, _ in profileValue }
            sessionName = session
        }
        func required(_ key: String) throws -> String {
            guard let value = settings[key], !value.isEmpty else {
                throw ConfigurationError(.noCredentials, "profile \(name) uses IAM Identity Center but has no \(key)")
            }
            return value
        }
        return SingleSignOnRequest(
            startURL: try required("sso_start_url"), region: try required("sso_region"), accountID: try required("sso_account_id"),
            roleName: try required("sso_role_name"), sessionName: sessionName, profile: name
        )
    }

    /// The AWS CLI names each token cache file by the SHA-1 of the session name (or, for legacy
    /// profiles, of the start URL).
    var cacheFileName: String {
        var key = sessionName ?? startURL
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        key.withUTF8 { input in
            digest.withUnsafeMutableBufferPointer { output in _ = SHA1(input.baseAddress, input.count, output.baseAddress) }
        }
        return digest.withUnsafeBytes { Hex.encode($0) } + ".json"
    }

    private var loginCommand: String {
        sessionName.map { "aws sso login --sso-session \($0)" } ?? "aws sso login --profile \(profile)"
    }

    /// The cached access token, if it is there and still valid.
    func cachedToken(environment: AWSEnvironment, now: Date) throws -> String {
        let path = environment.expandingHome("~/.aws/sso/cache/") + cacheFileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(.loginRequired, "profile \(profile): no IAM Identity Center login found; run `\(loginCommand)`")
        }
        guard let cache = try? JSONValue.parse(data), let token = cache["accessToken"]?.string, !token.isEmpty else {
            throw ConfigurationError(.loginRequired, "profile \(profile): the SSO token cache \(path) is unreadable; run `\(loginCommand)`")
        }
        guard let expiry = cache["expiresAt"]?.string.flatMap(Timestamp.parseISO8601), expiry > now else {
            throw ConfigurationError(.loginRequired, "profile \(profile): the IAM Identity Center login has expired; run `\(loginCommand)`")
        }
        return token
    }

    /// Trades the login token for the role's temporary credentials (portal GetRoleCredentials,
    /// a bearer-token call, not SigV4). AWS_ENDPOINT_URL_SSO points it elsewhere, as for the CLI.
    func credentials(environment: AWSEnvironment, transport: HTTPTransport, now: Date) async throws -> Credentials {
        let token = try cachedToken(environment: environment, now: now)
        let base = environment["AWS_ENDPOINT_URL_SSO"] ?? environment["AWS_ENDPOINT_URL"] ?? "https://portal.sso.\(region).amazonaws.com"
        let url = AWSClient.url(base: base, path: "/federation/credentials", query: [("account_id", accountID), ("role_name", roleName)])
        let document = try await CredentialEndpoint.fetchJSON(
            HTTPRequest(method: "GET", url: url, headers: [("x-amz-sso_bearer_token", token)]),
            transport: transport, describing: "the IAM Identity Center portal for profile \(profile)",
            onUnauthorized: ConfigurationError(.loginRequired, "profile \(profile): the IAM Identity Center login was refused; run `\(loginCommand)`")
        )
        let role = document["roleCredentials"]
        guard let key = role?["accessKeyId"]?.string, let secret = role?["secretAccessKey"]?.string else {
            throw ConfigurationError(.credentialEndpointFailed, "profile \(profile): the IAM Identity Center portal answered without credentials")
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: role?["sessionToken"]?.string,
            expiration: role?["expiration"]?.double.map { Date(timeIntervalSince1970: $0 / 1000) },
            source: "IAM Identity Center role \(roleName) in \(accountID) (profile \(profile))"
        )
    }
}
