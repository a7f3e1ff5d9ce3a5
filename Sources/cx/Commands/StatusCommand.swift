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

    @OptionGroup var source: SourceOptions

    @Option(help: "Sandbox: virtual seconds since the sandbox started.")
    var at: Double = 600

    @Flag(help: "Print JSON: {\"source\", \"rollouts\": [...]}.")
    var json = false

    func validate() throws {
        guard at >= 0, at.isFinite else { throw ValidationError("--at must be zero or more seconds") }
        try source.requireSandbox()
        _ = try source.sandboxScenario()
    }

    @MainActor
    func run() async throws {
        let state = try await HeadlessState.load(source: source, at: at)
        if let error = state.rolloutsError {
            printError("cx: rollouts unavailable: \(error)")
            throw ExitCode(1)
        }
        let report = StatusReport(state: state)
        print(json ? report.json() : report.table())
    }
}
