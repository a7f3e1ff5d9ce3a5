import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// The `cx doctor` command itself, run as a program against moto: flags and environment reach
/// the checks, the JSON has the contract's shape, no secret is printed, and the exit status says
/// whether a check failed.
struct DoctorCommandTests {
    @Test func doctorAgainstMotoPrintsChecksAsJSONWithoutSecrets() async throws {
        let session = try await MotoHarness.shared.session()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cx-doctor-home-\(UUID().uuidString)").path
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
        let result = try await CxProgram.runAside(["doctor", "--json", "--region", "sa-east-1", "--endpoint-url", session.endpoint, "--timeout", "10"], environment: environment)
        #expect(!result.output.contains(session.credentials.secretAccessKey))
        let start = try #require(result.output.firstIndex(of: "{"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output[start...].utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(Set(checks.compactMap { $0["name"] as? String }) == Set(AWSDoctor.checkNames))
        for check in checks {
            for field in ["name", "status", "detail", "hint"] { #expect(check.keys.contains(field)) }
        }
        let identity = try #require(checks.first { $0["name"] as? String == "identity" })
        #expect(identity["status"] as? String == "pass")
        let failing = checks.contains { $0["status"] as? String == "fail" }
        #expect(result.status == (failing ? 1 : 0))
    }

    @Test func aWrongSecretFailsTheIdentityCheckAndExitsOne() async throws {
        let session = try await MotoHarness.shared.session()
        let wrong = "wrong-secret-\(UUID().uuidString)"
        let result = try await CxProgram.runAside(["doctor", "--region", "sa-east-1", "--endpoint-url", session.endpoint, "--timeout", "10"], environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": wrong,
        ])
        #expect(result.status == 1)
        #expect(result.output.contains("identity"))
        #expect(!result.output.contains(wrong))
    }
}
