import Foundation

@testable import CygniAWS

/// moto_server for the live tests: the one named by CYGNI_MOTO_ENDPOINT, or one started here with
/// scripts/moto-server (signature checking on) and stopped when the test process ends. An IAM user
/// with an allow-all policy is created for the run; its keys sign every call. If moto cannot be
/// started the tests that need it fail with the reason: they are never skipped.
actor MotoHarness {
    static let shared = MotoHarness()

    struct Session: Sendable {
        let endpoint: String
        let credentials: Credentials
    }

    private var starting: Task<Session, Error>?

    func session() async throws -> Session {
        if let starting { return try await starting.value }
        let task = Task { try await Self.start() }
        starting = task
        return try await task.value
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    private static func start() async throws -> Session {
        let endpoint: String
        if let given = ProcessInfo.processInfo.environment["CYGNI_MOTO_ENDPOINT"], !given.isEmpty {
            endpoint = given.hasSuffix("/") ? String(given.dropLast()) : given
        } else {
            endpoint = try await launch()
        }
        guard let parsed = Endpoint(endpoint), parsed.isLoopback else {
            throw StartFailure(description: "moto endpoint \(endpoint) is not a loopback address; the tests only ever talk to loopback")
        }
        let credentials = try await createUser(endpoint: endpoint)
        return Session(endpoint: endpoint, credentials: credentials)
    }

    private static func launch() async throws -> String {
        let pidFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("cygni-moto-\(getpid())-\(UUID().uuidString.prefix(8)).pid").path
        let result = try await Subprocess.run(["/bin/bash", RepositoryPaths.script("moto-server"), pidFile, String(getpid())], timeout: 300)
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            ChildProcesses.track(pid)
        }
        let endpoint = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, endpoint.hasPrefix("http://127.0.0.1:") else {
            throw StartFailure(
                description: "could not start moto_server with scripts/moto-server (exit \(result.status)): \(String(decoding: result.errors.suffix(2000), as: UTF8.self))"
            )
        }
        return endpoint
    }

    static let iam = ServiceDescriptor(
        id: "IAM", signingName: "iam", endpointPrefix: "iam", wireProtocol: .awsQuery, apiVersion: "2010-05-08",
        globalEndpoint: ("iam.amazonaws.com", "us-east-1")
    )

    /// With signature checking on, nothing can sign before a user exists: moto is told to let the
    /// next three actions through unauthenticated, which create the user, its key and its policy.
    private static func createUser(endpoint: String) async throws -> Credentials {
        let reset = try await HTTPTransport.curl.send(
            HTTPRequest(method: "POST", url: endpoint + "/moto-api/reset-auth", headers: [("Content-Type", "text/plain")], body: Data("3".utf8)),
            .default
        )
        guard reset.status == 200 else { throw StartFailure(description: "moto reset-auth answered \(reset.status)") }
        let bootstrap = AWSClient(
            configuration: AWSConfiguration(
                region: "us-east-1", credentials: .fixed(Credentials(accessKeyID: "AKIDBOOTSTRAP", secretAccessKey: "bootstrap")),
                endpointURL: endpoint
            ),
            retryPolicy: RetryPolicy(maxAttempts: 1)
        )
        let user = "cx-test-\(UUID().uuidString.prefix(8).lowercased())"
        var create = QueryParameters()
        create["UserName"] = user
        _ = try await bootstrap.send(.awsQuery(iam, "CreateUser", create, idempotent: false))
        let keyResponse = try await bootstrap.send(.awsQuery(iam, "CreateAccessKey", create, idempotent: false))
        var policy = create
        policy["PolicyName"] = "allow-all"
        policy["PolicyDocument"] = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        _ = try await bootstrap.send(.awsQuery(iam, "PutUserPolicy", policy, idempotent: false))
        let key = try XMLNode.parse(keyResponse.body).descendant("AccessKey")
        guard let id = key?.string("AccessKeyId"), let secret = key?.string("SecretAccessKey") else {
            throw StartFailure(description: "moto CreateAccessKey returned no key")
        }
        return Credentials(accessKeyID: id, secretAccessKey: secret, source: "moto IAM user \(user)")
    }
}

/// Retries that do not wait, so tests of failures stay fast.
extension RetryPolicy {
    static var immediate: RetryPolicy { RetryPolicy(baseDelay: 0.001, maxBackoff: 0.01) }
}

/// A client for moto signed by the run's IAM user, unless other credentials are given.
func motoClient(
    region: String = "us-east-1", credentials: Credentials? = nil, endpoint: String? = nil,
    retry: RetryPolicy = .immediate, options: TransferOptions = .default, usage: AWSUsageMeter = AWSUsageMeter()
) async throws -> AWSClient {
    let session = try await MotoHarness.shared.session()
    return AWSClient(
        configuration: AWSConfiguration(region: region, credentials: .fixed(credentials ?? session.credentials), endpointURL: endpoint ?? session.endpoint),
        retryPolicy: retry, transferOptions: options, usage: usage
    )
}

/// A name no other test uses.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}
