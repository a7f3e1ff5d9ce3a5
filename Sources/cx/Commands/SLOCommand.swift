import ArgumentParser
import CygniDashboard
import Foundation

/// `cx slo`: SLOs now, with burn rates; exits 1 when any SLO pages.
struct SLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo",
        abstract: "Show every SLO: objective, SLI, error budget left, burn rates for 5m/1h 30m/6h 2h/1d 6h/3d, alert. Exit 1 when one pages."
    )

    @OptionGroup var moment: SourceMoment

    @Flag(help: "Print JSON: {\"source\", \"slos\": [...]}.")
    var json = false

    @MainActor
    func run() async throws {
        let state = try await HeadlessState.load(moment)
        if let error = state.sloError {
            printError("cx: SLOs unavailable: \(error)")
            throw ExitCode(1)
        }
        let report = SLOReport(state: state)
        print(json ? report.json() : report.table())
        if report.anyPaging { throw ExitCode(1) }
    }
}
