import ArgumentParser
import CygniDashboard
import CygniSandbox
import Foundation

/// `cx status`: the rollouts now, for people or (with --json) for scripts.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the rollouts now: service, phase, traffic, step, verdict and reason."
    )

    @OptionGroup var moment: SourceMoment

    @Flag(help: "Print JSON: {\"source\", \"rollouts\": [...]}.")
    var json = false

    @MainActor
    func run() async throws {
        let state = try await HeadlessState.load(moment)
        if let error = state.rolloutsError {
            printError("cx: rollouts unavailable: \(error)")
            throw ExitCode(1)
        }
        let report = StatusReport(state: state)
        print(json ? report.json() : report.table())
    }
}
