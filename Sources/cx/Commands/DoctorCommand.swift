import ArgumentParser
import CygniDashboard
import Foundation

/// `cx doctor`: is this source ready? On AWS: can this machine watch and roll back there; on the
/// sandbox: what it is and what it simulates. Each check passes, warns or fails, with what was
/// found and how to fix it. Exit 1 when a check fails.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the source. On AWS: credentials and identity, region, clock skew, ECS, ALB weights and health, stickiness, certificates, DNS, quotas."
    )

    @OptionGroup var moment: SourceMoment

    @Option(help: "Seconds each check may take.")
    var timeout: Double = 15

    @Flag(help: "Print JSON: {\"checks\": [{\"name\", \"status\", \"detail\", \"hint\"}]}.")
    var json = false

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be above 0 and at most 300 seconds") }
    }

    func run() async throws {
        // Without a region the doctor still runs: its region check says what to do.
        let clients = try moment.clients(cost: false, needsRegion: false)
        let report = DoctorReport(await clients.doctor.run(timeout))
        print(json ? report.json() : report.table())
        if report.anyFailed { throw ExitCode(1) }
    }
}
