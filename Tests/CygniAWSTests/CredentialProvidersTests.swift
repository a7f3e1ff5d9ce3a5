import Foundation
import Testing

@testable import CygniAWS

/// IAM Identity Center, container and web identity credentials: resolved from temporary files
/// and variables, fetched from a loopback stub of the endpoint moto lacks, and then proven by
/// calling moto (signature checking on) with what was fetched.
struct CredentialProvidersTests {
    typealias Home = ConfigurationTests.Home

    static let ssoConfig = """
        [profile oncall]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = OnCall
        region = eu-west-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-central-1

        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 210987654321
        sso_role_name = ReadOnly

        [profile incomplete]
        sso_session = corp

        [profile ci]
        role_arn = arn:aws:iam::123456789012:role/deployer
        web_identity_token_file = /var/run/token
        """

    static func writeToken(_ home: Home, file: String, expiresIn seconds: TimeInterval) throws {
        let directory = home.path + "/.aws/sso/cache"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(seconds))
        try #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-central-1", "accessToken": "sso-token-xyz", "expiresAt": "\#(expiry)"}"#
            .write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
    }

    func source(_ home: Home, _ variables: [String: String] = [:], profile: String? = nil) throws -> CredentialSource {
        let environment = home.environment(variables)
        return try CredentialSource.resolve(explicitProfile: profile, environment: environment, files: SharedConfig(environment: environment))
    }

    // MARK: Resolution

    @Test func ssoProfilesResolveWithTheirSessionBlock() throws {
        let home = try Home(config: Self.ssoConfig)
        guard case .singleSignOn(let request) = try source(home, profile: "oncall") else { Issue.record("not SSO"); return }
        #expect(request == SingleSignOnRequest(
            startURL: "https://corp.awsapps.com/start", region: "eu-central-1", accountID: "123456789012", roleName: "OnCall",
            sessionName: "corp", profile: "oncall"
        ))
        // The AWS CLI's cache file names: SHA-1 of the session name, or of a legacy start URL.
        #expect(request.cacheFileName == "ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
        guard case .singleSignOn(let legacy) = try source(home, profile: "legacy") else { Issue.record("not SSO"); return }
        #expect(legacy.cacheFileName == "79e435d7a515078e81c9dffc35f38d5687ebd3a7.json")

        let error = try #require(throws: ConfigurationError.self) { try source(home, profile: "incomplete") }
        #expect(error.message.contains("no sso_account_id"))
    }

    @Test func aMissingOrExpiredLoginSaysHowToLogIn() throws {
        let home = try Home(config: Self.ssoConfig)
        guard case .singleSignOn(let request) = try source(home, profile: "oncall") else { Issue.record("not SSO"); return }
        let missing = try #require(throws: ConfigurationError.self) { try request.cachedToken(environment: home.environment(), now: Date()) }
        #expect(missing.kind == .loginRequired)
        #expect(missing.message.contains("aws sso login --sso-session corp"))

        try Self.writeToken(home, file: request.cacheFileName, expiresIn: -60)
        let expired = try #require(throws: ConfigurationError.self) { try request.cachedToken(environment: home.environment(), now: Date()) }
        #expect(expired.message.contains("has expired"))
        #expect(!expired.message.contains("sso-token-xyz"))
    }

    @Test func webIdentityComesFromTheEnvironmentOrAProfile() throws {
        let home = try Home(config: Self.ssoConfig)
        let fromEnvironment = try source(home, [
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r", "AWS_ROLE_SESSION_NAME": "build-42",
        ])
        #expect(fromEnvironment == .webIdentity(WebIdentityRequest(roleARN: "arn:aws:iam::1:role/r", sessionName: "build-42", tokenFile: "/tmp/token", origin: "environment")))
        guard case .webIdentity(let fromProfile) = try source(home, profile: "ci") else { Issue.record("not web identity"); return }
        #expect(fromProfile.roleARN == "arn:aws:iam::123456789012:role/deployer" && fromProfile.tokenFile == "/var/run/token")
    }

    /// botocore's order: a profile's role comes before web identity from the environment, which
    /// comes before the profile's own keys.
    @Test func aProfilesRoleComesBeforeEnvironmentWebIdentityBeforeItsKeys() throws {
        let home = try Home(
            config: "[profile deploy]\nrole_arn = arn:aws:iam::1:role/deploy\nsource_profile = keys\n",
            credentials: "[keys]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = keys-secret\n"
        )
        let webIdentity = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/ci"]
        guard case .assumeRole(let role, _) = try source(home, webIdentity, profile: "deploy") else { Issue.record("the profile's role should win"); return }
        #expect(role.roleARN == "arn:aws:iam::1:role/deploy")
        guard case .webIdentity = try source(home, webIdentity, profile: "keys") else { Issue.record("web identity should beat the keys"); return }
        guard case .fixed = try source(home, profile: "keys") else { Issue.record("the keys, without web identity"); return }
    }

    @Test func containerEndpointsAreCheckedBeforeUse() throws {
        let home = try Home()
        let relative = try source(home, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"])
        #expect(relative == .container(ContainerCredentialsRequest(url: "http://169.254.170.2/v2/credentials/abc")))
        let error = try #require(throws: ConfigurationError.self) {
            try source(home, ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.1.2.3/credentials"])
        }
        #expect(error.kind == .invalidEndpoint)
        // A default profile that only sets the region leaves credentials to the container.
        let regionOnly = try Home(config: "[default]\nregion = eu-west-1\n")
        #expect(try source(regionOnly, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"]) == .container(ContainerCredentialsRequest(url: "http://169.254.170.2/v2/x")))
        // Keys in the environment come first, as for the AWS CLI.
        let keys = try source(home, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/x", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s"])
        guard case .fixed = keys else { Issue.record("environment keys should win"); return }
    }

    // MARK: Fetched, then used against moto

    @Test func anSSOLoginBecomesRoleCredentialsThatWork() async throws {
        let moto = try await MotoHarness.shared.session()
        let stub = try CredentialStub.start()
        let home = try Home(config: Self.ssoConfig)
        try Self.writeToken(home, file: "ee0bfd2552fbd840c02cc48b6e823320543c450f.json", expiresIn: 3600)
        let expiry = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
        try await stub.route("GET", "/federation/credentials", body: """
            {"roleCredentials": {"accessKeyId": "\(moto.credentials.accessKeyID)", "secretAccessKey": "\(moto.credentials.secretAccessKey)", "expiration": \(expiry)}}
            """)

        let configuration = AWSConfiguration.resolve(
            ConfigurationOverrides(profile: "oncall", endpointURL: moto.endpoint),
            environment: home.environment(["AWS_ENDPOINT_URL_SSO": stub.endpoint])
        )
        #expect(configuration.credentials.summary == "IAM Identity Center role OnCall in 123456789012 (profile oncall)")
        let identity = try await STSClient(AWSClient(configuration: configuration, retryPolicy: .immediate)).getCallerIdentity()
        #expect(identity.arn.contains("cx-test-"))

        let portal = try #require(try await stub.requests().first)
        #expect(portal.path == "/federation/credentials?account_id=123456789012&role_name=OnCall")
        #expect(portal.headers["x-amz-sso_bearer_token"] == "sso-token-xyz")
        #expect(portal.headers["authorization"] == nil)
    }

    @Test func aRefusedSSOLoginSaysHowToLogIn() async throws {
        let stub = try CredentialStub.start()
        let home = try Home(config: Self.ssoConfig)
        try Self.writeToken(home, file: "ee0bfd2552fbd840c02cc48b6e823320543c450f.json", expiresIn: 3600)
        try await stub.route("GET", "/federation/credentials", status: 401, body: #"{"message": "Session token not found or invalid"}"#)
        let configuration = AWSConfiguration.resolve(
            ConfigurationOverrides(profile: "oncall"), environment: home.environment(["AWS_ENDPOINT_URL_SSO": stub.endpoint])
        )
        let error = try await #require(throws: ConfigurationError.self) { try await configuration.credentials.credentials() }
        #expect(error.kind == .loginRequired)
        #expect(error.message.contains("aws sso login --sso-session corp"))
    }

    @Test func containerCredentialsAreFetchedWithTheTokenFromItsFile() async throws {
        let moto = try await MotoHarness.shared.session()
        let stub = try CredentialStub.start()
        let home = try Home()
        let tokenFile = home.path + "/token"
        try "pod-identity-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try await stub.route("GET", "/v1/credentials", body: """
            {"AccessKeyId": "\(moto.credentials.accessKeyID)", "SecretAccessKey": "\(moto.credentials.secretAccessKey)", "Expiration": "2099-01-01T00:00:00Z"}
            """)
        let configuration = AWSConfiguration.resolve(
            ConfigurationOverrides(region: "us-east-1", endpointURL: moto.endpoint),
            environment: home.environment([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.endpoint + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            ])
        )
        #expect(configuration.credentials.summary == "container credentials")
        let identity = try await STSClient(AWSClient(configuration: configuration, retryPolicy: .immediate)).getCallerIdentity()
        #expect(identity.arn.contains("cx-test-"))
        #expect(try await stub.requests().first?.headers["authorization"] == "pod-identity-token")
    }

    @Test func aWebIdentityTokenIsTradedUnsignedForARole() async throws {
        let moto = try await MotoHarness.shared.session()
        let stub = try CredentialStub.start()
        let home = try Home()
        let tokenFile = home.path + "/oidc-token"
        try "eyJhbGciOiJSUzI1NiJ9.payload.signature".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try await stub.route("POST", "/", body: """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>\
            <Credentials><AccessKeyId>\(moto.credentials.accessKeyID)</AccessKeyId><SecretAccessKey>\(moto.credentials.secretAccessKey)</SecretAccessKey>\
            <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
            """, contentType: "text/xml")
        // STS is the stub (moto refuses unsigned calls when checking signatures); ECS is moto.
        let configuration = AWSConfiguration.resolve(
            ConfigurationOverrides(region: "us-east-1"),
            environment: home.environment([
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci", "AWS_ROLE_SESSION_NAME": "build-7",
                "AWS_ENDPOINT_URL_STS": stub.endpoint, "AWS_ENDPOINT_URL_ECS": moto.endpoint,
            ])
        )
        _ = try await ECSClient(AWSClient(configuration: configuration, retryPolicy: .immediate)).listClusters()

        let call = try #require(try await stub.requests().first)
        #expect(call.headers["authorization"] == nil)
        #expect(call.body.contains("Action=AssumeRoleWithWebIdentity"))
        #expect(call.body.contains("RoleSessionName=build-7"))
        #expect(call.body.contains("WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.payload.signature"))
    }
}
