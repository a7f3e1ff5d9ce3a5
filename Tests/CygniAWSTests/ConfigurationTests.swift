import Foundation
import Testing

@testable import CygniAWS

/// Configuration resolution against temporary config and credentials files.
struct ConfigurationTests {
    /// A temporary home with ~/.aws/config and ~/.aws/credentials.
    struct Home {
        let path: String

        init(config: String = "", credentials: String = "") throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("cx-home-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
            try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8)
            try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
        }

        func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
            AWSEnvironment(variables: variables, homeDirectory: path)
        }
    }

    static let files = (
        config: """
            [default]
            region = eu-west-1

            [profile dev]
            region = us-west-2
            output = json

            # a comment
            [profile  staging]
            region=ap-southeast-2
            credential_process = /bin/sh -c 'echo "{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIDPROCESS\\", \\"SecretAccessKey\\": \\"process-secret\\", \\"SessionToken\\": \\"tok\\", \\"Expiration\\": \\"2099-01-01T00:00:00Z\\"}"'

            [profile broken-process]
            credential_process = /bin/sh -c 'echo "boom: secret-not-here" >&2; exit 3'

            [profile deployer]
            role_arn = arn:aws:iam::123456789012:role/deployer
            source_profile = dev
            role_session_name = cx-tests
            region = eu-central-1

            [profile chained]
            role_arn = arn:aws:iam::123456789012:role/second
            source_profile = deployer

            [profile loop-a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = loop-b

            [profile loop-b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = loop-a

            [profile sso]
            sso_session = corp
            sso_account_id = 123456789012

            [profile local]
            region = us-east-1
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            endpoint_url = http://127.0.0.1:4566
            services = local-services

            [services local-services]
            ecs =
              endpoint_url = http://127.0.0.1:5000
            cloudwatch_logs =
              endpoint_url = http://127.0.0.1:5001
            """,
        credentials: """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret

            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = dev-secret
            aws_session_token = dev-token

            [half]
            aws_access_key_id = AKIDHALF
            """
    )

    func home() throws -> Home { try Home(config: Self.files.config, credentials: Self.files.credentials) }

    func credentials(_ overrides: ConfigurationOverrides = .init(), _ variables: [String: String] = [:]) async throws -> Credentials {
        try await AWSConfiguration.resolve(overrides, environment: try home().environment(variables)).credentials.credentials()
    }

    @Test func theDefaultProfileComesFromTheFiles() async throws {
        let configuration = AWSConfiguration.resolve(environment: try home().environment())
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.regionSource == "profile default")
        #expect(try await configuration.credentials.credentials().accessKeyID == "AKIDDEFAULT")
    }

    @Test func environmentKeysWinOverAWSProfileButNotOverTheProfileFlag() async throws {
        let variables = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_PROFILE": "dev"]
        #expect(try await credentials(.init(), variables).accessKeyID == "AKIDENV")
        #expect(try await credentials(.init(profile: "dev"), variables).accessKeyID == "AKIDDEV")
        #expect(try await credentials(.init(profile: "dev"), variables).sessionToken == "dev-token")
    }

    @Test func awsProfileSelectsTheProfile() async throws {
        let configuration = AWSConfiguration.resolve(environment: try home().environment(["AWS_PROFILE": "dev"]))
        #expect(configuration.profile == "dev")
        #expect(configuration.region == "us-west-2")
        #expect(try await configuration.credentials.credentials().accessKeyID == "AKIDDEV")
    }

    @Test func regionPrecedence() throws {
        let environment = try home().environment(["AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "ca-central-1"])
        #expect(AWSConfiguration.resolve(.init(region: "af-south-1"), environment: environment).region == "af-south-1")
        #expect(AWSConfiguration.resolve(environment: environment).region == "sa-east-1")
        let onlyDefault = try home().environment(["AWS_DEFAULT_REGION": "ca-central-1"])
        #expect(AWSConfiguration.resolve(environment: onlyDefault).region == "ca-central-1")
    }

    @Test func alternativeFileLocations() async throws {
        let other = try Home(config: "[profile elsewhere]\nregion = eu-north-1\n", credentials: "[elsewhere]\naws_access_key_id = AKIDELSE\naws_secret_access_key = s\n")
        let environment = try home().environment([
            "AWS_CONFIG_FILE": other.path + "/.aws/config", "AWS_SHARED_CREDENTIALS_FILE": other.path + "/.aws/credentials",
            "AWS_PROFILE": "elsewhere",
        ])
        let configuration = AWSConfiguration.resolve(environment: environment)
        #expect(configuration.region == "eu-north-1")
        #expect(try await configuration.credentials.credentials().accessKeyID == "AKIDELSE")
    }

    @Test func aMissingNamedProfileIsAClearError() async throws {
        let error = await #expect(throws: ConfigurationError.self) { try await credentials(.init(profile: "nope")) }
        #expect(error?.kind == .profileNotFound)
        #expect(error?.message.contains("nope") == true)
    }

    @Test func partialCredentialsAreAnErrorNamingNoSecret() async throws {
        let error = await #expect(throws: ConfigurationError.self) { try await credentials(.init(), ["AWS_ACCESS_KEY_ID": "AKIDONLY"]) }
        #expect(error?.kind == .partialCredentials)
        let fromFile = await #expect(throws: ConfigurationError.self) { try await credentials(.init(profile: "half")) }
        #expect(fromFile?.kind == .partialCredentials)
        #expect(fromFile?.message.contains("AKIDHALF") == false)
    }

    @Test func credentialProcessOutputIsRead() async throws {
        let credentials = try await credentials(.init(profile: "staging"))
        #expect(credentials.accessKeyID == "AKIDPROCESS")
        #expect(credentials.secretAccessKey == "process-secret")
        #expect(credentials.sessionToken == "tok")
        #expect(credentials.expiration == Timestamp.parseISO8601("2099-01-01T00:00:00Z"))
    }

    @Test func aFailingCredentialProcessSaysSo() async throws {
        let error = await #expect(throws: ConfigurationError.self) { try await credentials(.init(profile: "broken-process")) }
        #expect(error?.kind == .credentialProcessFailed)
        #expect(error?.message.contains("status 3") == true)
    }

    @Test func credentialProcessCommandsSplitLikeAShell() {
        #expect(CredentialProcess.split(#"/bin/tool --name "a b" 'c d' e\ f"#) == ["/bin/tool", "--name", "a b", "c d", "e f"])
        #expect(CredentialProcess.split("  ") == [])
    }

    @Test func roleProfilesResolveToAssumeRoleWithTheirSource() throws {
        let environment = try home().environment()
        let source = try CredentialSource.resolve(explicitProfile: "chained", environment: environment, files: SharedConfig(environment: environment))
        guard case .assumeRole(let second, .assumeRole(let first, .fixed(let base))) = source else {
            Issue.record("unexpected source \(source)")
            return
        }
        #expect(second.roleARN.hasSuffix("role/second"))
        #expect(first.roleARN.hasSuffix("role/deployer"))
        #expect(first.sessionName == "cx-tests")
        #expect(base.accessKeyID == "AKIDDEV")
    }

    @Test func sourceProfileCyclesAreRefused() throws {
        let environment = try home().environment()
        let error = #expect(throws: ConfigurationError.self) {
            try CredentialSource.resolve(explicitProfile: "loop-a", environment: environment, files: SharedConfig(environment: environment))
        }
        #expect(error?.kind == .cycle)
    }

    @Test func anSSOProfileWithoutItsSessionBlockNamesIt() async throws {
        let error = await #expect(throws: ConfigurationError.self) { try await credentials(.init(profile: "sso")) }
        #expect(error?.kind == .profileNotFound)
        #expect(error?.message.contains("[sso-session corp]") == true)
    }

    @Test func endpointPrecedence() throws {
        let environment = try home().environment(["AWS_PROFILE": "local", "AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:6000"])
        var configuration = AWSConfiguration.resolve(environment: environment)
        #expect(try configuration.endpoint(for: .ecs).url == "http://127.0.0.1:6000")
        #expect(try configuration.endpoint(for: .cloudWatchLogs).url == "http://127.0.0.1:5001")
        #expect(try configuration.endpoint(for: .sts).url == "http://127.0.0.1:4566")
        #expect(try configuration.endpoint(for: .sts).signingRegion == "us-east-1")
        configuration = AWSConfiguration.resolve(.init(endpointURL: "http://127.0.0.1:7000"), environment: environment)
        #expect(try configuration.endpoint(for: .ecs).url == "http://127.0.0.1:7000")
        let global = AWSConfiguration.resolve(environment: try home().environment(["AWS_ENDPOINT_URL": "http://127.0.0.1:8000", "AWS_PROFILE": "dev"]))
        #expect(try global.endpoint(for: .ecs).url == "http://127.0.0.1:8000")
        let ignoring = AWSConfiguration.resolve(environment: try home().environment(["AWS_PROFILE": "local", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]))
        #expect(try ignoring.endpoint(for: .ecs).url == "https://ecs.us-east-1.amazonaws.com")
    }

    @Test func defaultEndpoints() throws {
        let configuration = AWSConfiguration.resolve(.init(region: "eu-west-1"), environment: try home().environment())
        #expect(try configuration.endpoint(for: .elasticLoadBalancingV2).url == "https://elasticloadbalancing.eu-west-1.amazonaws.com")
        #expect(try configuration.endpoint(for: .route53) == ResolvedEndpoint(url: "https://route53.amazonaws.com", signingRegion: "us-east-1", source: "default"))
        #expect(try configuration.endpoint(for: .costExplorer).signingRegion == "us-east-1")
        let china = AWSConfiguration.resolve(.init(region: "cn-north-1"), environment: try home().environment())
        #expect(try china.endpoint(for: .ecs).url == "https://ecs.cn-north-1.amazonaws.com.cn")
    }

    @Test func pricingSignsForTheRegionOfItsEndpoint() throws {
        let plain = AWSConfiguration.resolve(.init(region: "eu-west-1"), environment: try home().environment())
        #expect(try plain.endpoint(for: .pricing) == ResolvedEndpoint(url: "https://api.pricing.us-east-1.amazonaws.com", signingRegion: "us-east-1", source: "default"))
        let frankfurt = AWSConfiguration.resolve(
            .init(region: "eu-west-1"),
            environment: try home().environment(["AWS_ENDPOINT_URL_PRICING": "https://api.pricing.eu-central-1.amazonaws.com"])
        )
        #expect(try frankfurt.endpoint(for: .pricing) == ResolvedEndpoint(
            url: "https://api.pricing.eu-central-1.amazonaws.com", signingRegion: "eu-central-1", source: "AWS_ENDPOINT_URL_PRICING"
        ))
        let loopback = AWSConfiguration.resolve(
            .init(region: "eu-west-1"), environment: try home().environment(["AWS_ENDPOINT_URL_PRICING": "http://127.0.0.1:9000"])
        )
        #expect(try loopback.endpoint(for: .pricing).signingRegion == "us-east-1")
        let costExplorer = AWSConfiguration.resolve(
            environment: try home().environment(["AWS_ENDPOINT_URL_COST_EXPLORER": "http://127.0.0.1:9001"])
        )
        #expect(try costExplorer.endpoint(for: .costExplorer) == ResolvedEndpoint(
            url: "http://127.0.0.1:9001", signingRegion: "us-east-1", source: "AWS_ENDPOINT_URL_COST_EXPLORER"
        ))
    }

    /// Whatever picks another account changes the fingerprint disk caches are keyed by.
    @Test func theAccountFingerprintFollowsEverythingThatPicksTheAccount() throws {
        let home = try home()
        func fingerprint(_ variables: [String: String]) -> String {
            AWSConfiguration.resolve(environment: home.environment(variables)).accountFingerprint
        }
        let base = fingerprint(["AWS_DEFAULT_PROFILE": "dev"])
        #expect(base == fingerprint(["AWS_DEFAULT_PROFILE": "dev"]))
        for other in [
            ["AWS_DEFAULT_PROFILE": "local"], ["AWS_DEFAULT_PROFILE": "dev", "AWS_CONFIG_FILE": "/tmp/other-config"],
            ["AWS_DEFAULT_PROFILE": "dev", "AWS_ROLE_ARN": "arn:aws:iam::1:role/x"], ["AWS_DEFAULT_PROFILE": "dev", "AWS_REGION": "sa-east-1"],
        ] {
            #expect(fingerprint(other) != base, "\(other)")
        }
    }

    @Test func noRegionIsAClearError() throws {
        let configuration = AWSConfiguration.resolve(.init(profile: "sso"), environment: try home().environment())
        let error = #expect(throws: ConfigurationError.self) { try configuration.endpoint(for: .ecs) }
        #expect(error?.kind == .noRegion)
    }

    @Test func iniParsingFollowsConfigparser() {
        let file = ConfigFile(parsing: "[profile x]\nKey = value with = sign\n; comment\nother: colon\nmulti =\n  line1\n  line2\n[default]\na=1\n[profile default]\na=2\n")
        #expect(file.configProfiles["x"]?["key"] == "value with = sign")
        #expect(file.configProfiles["x"]?["other"] == "colon")
        #expect(file.configProfiles["default"]?["a"] == "2")
    }
}

/// Assume-role through moto: the role's credentials are fetched once and cached until expiry.
struct AssumeRoleTests {
    @Test func aRoleProfileAssumesTheRoleOnceAndCachesIt() async throws {
        let moto = try await MotoHarness.shared.session()
        let home = try ConfigurationTests.Home(
            config: """
                [profile base]
                region = us-east-1
                [profile role]
                region = us-east-1
                role_arn = arn:aws:iam::123456789012:role/cx-test-role
                source_profile = base
                """,
            credentials: "[base]\naws_access_key_id = \(moto.credentials.accessKeyID)\naws_secret_access_key = \(moto.credentials.secretAccessKey)\n"
        )
        let calls = Locked(0)
        let counting = HTTPTransport { request, options in
            if String(decoding: request.body, as: UTF8.self).contains("Action=AssumeRole") { calls.withLock { $0 += 1 } }
            return try await HTTPTransport.curl.send(request, options)
        }
        let configuration = AWSConfiguration.resolve(
            .init(profile: "role", endpointURL: moto.endpoint), environment: home.environment(), transport: counting
        )
        let first = try await configuration.credentials.credentials()
        let second = try await configuration.credentials.credentials()
        #expect(first == second)
        #expect(first.sessionToken != nil)
        #expect(calls.withLock { $0 } == 1)
        #expect(configuration.credentials.summary.contains("cx-test-role"))
        let identity = try await STSClient(AWSClient(configuration: configuration, transport: counting)).getCallerIdentity()
        #expect(identity.arn.contains("cx-test-role"))
    }

    @Test func expiringCredentialsAreFetchedAgain() async throws {
        let fetches = Locked(0)
        let provider = CredentialsProvider(summary: "test") {
            let count = fetches.withLock { $0 += 1; return $0 }
            return Credentials(accessKeyID: "AKID\(count)", secretAccessKey: "s", expiration: Date().addingTimeInterval(count == 1 ? 60 : 3600))
        }
        _ = try await provider.credentials()
        let second = try await provider.credentials()
        _ = try await provider.credentials()
        #expect(second.accessKeyID == "AKID2")
        #expect(fetches.withLock { $0 } == 2)
    }
}
