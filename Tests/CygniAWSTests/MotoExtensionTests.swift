import Foundation
import Testing

@testable import CygniAWS

/// The ECS service deployments the test command's moto serves on top of moto's own
/// (scripts/moto/), driven from boto3 by scripts/moto/check_service_deployments.py: boto3 checks
/// every request against botocore's model, the script checks every answer against it, and walks
/// canary, linear and blue/green deployments, PAUSE hooks and their timeouts, stops, rollbacks,
/// alarms and the circuit breaker, on the same moto and signed by the run's IAM user.
struct MotoExtensionTests {
    @Test func serviceDeploymentsHoldToBotocoresModelFromBoto3() async throws {
        let session = try await MotoHarness.shared.session()
        var environment = ProcessInfo.processInfo.environment
        environment["CYGNI_MOTO_ENDPOINT"] = session.endpoint
        environment["AWS_ACCESS_KEY_ID"] = session.credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = session.credentials.secretAccessKey
        for proxy in ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"] { environment[proxy] = nil }
        let run = try await Subprocess.run(
            ["python3", RepositoryPaths.script("moto/check_service_deployments.py"), "-v"], environment: environment, timeout: 600)
        let report = String(decoding: run.errors, as: UTF8.self) + String(decoding: run.output, as: UTF8.self)
        #expect(run.status == 0, "the boto3 checks failed:\n\(report.suffix(6000))")
        #expect(report.contains("OK"), "\(report.suffix(2000))")
    }
}
