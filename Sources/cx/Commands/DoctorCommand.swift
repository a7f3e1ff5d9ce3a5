import ArgumentParser
import CygniAWS
import CygniDashboard
import Foundation

/// `cx doctor`: is this machine ready to watch and roll back on AWS? Each check passes, warns
/// or fails, with what was found and how to fix it. Exit 1 when a check fails.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check AWS access: credentials and identity, region, clock skew, ECS, ALB weights and health, stickiness, certificates, DNS, quotas."
    )

    @OptionGroup var aws: AWSOptions

    @Option(help: "Seconds each check may take.")
    var timeout: Double = 15

    @Flag(help: "Print JSON: {\"checks\": [{\"name\", \"status\", \"detail\", \"hint\"}]}.")
    var json = false

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be above 0 and at most 300 seconds") }
    }

    func run() async throws {
        let checks = await Doctor(client: aws.client(), timeout: timeout).run()
        if json {
            print(HeadlessOutput.json(["checks": checks]))
        } else {
            var rows = [["CHECK", "STATUS", "DETAIL", "HINT"]]
            for check in checks {
                rows.append([check.name, check.status.rawValue, check.detail, check.status == .pass ? "" : check.hint])
            }
            print(HeadlessOutput.table(rows))
        }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }
}
