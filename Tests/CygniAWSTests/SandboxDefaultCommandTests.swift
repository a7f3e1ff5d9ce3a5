import Foundation
import Testing

/// `cx traces`, `cx logs --trace`, `cx cost`, `cx cost diff` and `cx doctor` run as programs with
/// no AWS option: the sandbox answers (once they answered only on AWS), and the same --seed,
/// --scenario and --at give the same bytes.
struct SandboxDefaultCommandTests {
    /// No AWS keys, no profile files, no endpoint: nothing could reach an account.
    let environment = [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        "HOME": "/nonexistent",
        "AWS_CONFIG_FILE": "/nonexistent/config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
    ]

    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await CxProgram.runAside(arguments, environment: environment)
    }

    @Test func everyCommandAnswersFromTheSandboxTheSameWayTwice() async throws {
        let moment = ["--seed", "3", "--scenario", "canary-fail", "--at", "420"]
        let traces = try await run(["traces", "--errors", "--limit", "3", "--json"] + moment)
        #expect(traces.status == 0, "\(traces.output)")
        #expect(try await run(["traces", "--errors", "--limit", "3", "--json"] + moment).output == traces.output)
        #expect(try await run(["traces", "--errors", "--limit", "3", "--json", "--seed", "4", "--scenario", "canary-fail", "--at", "420"]).output != traces.output)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(traces.output.utf8)) as? [String: Any])
        let id = try #require((object["traces"] as? [[String: Any]])?.first?["id"] as? String, "\(traces.output)")

        for command in [["logs", "--trace", id, "--json"], ["logs", "--trace", id], ["cost", "--json"], ["cost"], ["doctor", "--json"],
                        ["cost", "diff", "--cpu", "1", "--memory", "2", "--count", "2", "--json"]] {
            let first = try await run(command + moment)
            #expect(first.status == 0, "\(command): \(first.output)")
            #expect(try await run(command + moment).output == first.output, "\(command) differs between two runs")
        }
        let logs = try await run(["logs", "--trace", id] + moment)
        #expect(logs.output.contains("/ecs/production/"), "\(logs.output)")
        let diff = try await run(["cost", "diff", "--cpu", "1", "--memory", "2", "--count", "2"] + moment)
        #expect(diff.output.contains("fallback because: the sandbox has no Pricing API"), "\(diff.output)")
        let doctor = try await run(["doctor"] + moment)
        #expect(doctor.output.contains("embedded sandbox, seed 3, scenario canary-fail"), "\(doctor.output)")
    }

    @Test func badSourceFlagsAreUsageErrors() async throws {
        for (arguments, says) in [(["traces", "--scenario", "nope"], "unknown scenario"), (["cost", "--aws", "--at", "60"], "--at applies to the sandbox"),
                                  (["doctor", "--sandbox", "--region", "eu-west-1"], "exclude each other"),
                                  (["logs", "--trace", "1-6926c330-aa11bb22cc33dd44ee55ff66", "--endpoint-url", "ftp://x"], "--endpoint-url must be")] {
            let result = try await run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.output)")
            #expect(result.output.contains(says), "\(arguments): \(result.output)")
        }
    }
}
