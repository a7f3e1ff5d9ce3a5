import ArgumentParser
import CygniDashboard
import Foundation

/// `cx traces`: recent traces, newest first: id, root service, start, duration, error/fault,
/// HTTP status; from the sandbox's world or X-Ray.
struct TracesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Recent traces (the sandbox's, or X-Ray's on AWS), newest first, filterable by service and to errors."
    )

    @OptionGroup var moment: SourceMoment

    @Option(help: "How far back: 30s, 15m, 2h, 1d (X-Ray keeps 30 days; summaries cover 6 hours per call).")
    var since: String = "15m"

    @Option(help: "Only traces whose root service is this one.")
    var service: String?

    @Flag(help: "Only traces with an error (4xx) or a fault (5xx).")
    var errors = false

    @Option(help: "At most this many traces.")
    var limit: Int = 50

    @Flag(help: "Print JSON: {\"traces\": [{\"id\", \"rootService\", \"start\", \"durationMilliseconds\", \"error\", \"fault\", \"httpStatus\"}]}.")
    var json = false

    func validate() throws {
        let seconds = try TimeArguments.duration(since, option: "--since")
        guard seconds <= 6 * 3600 else { throw ValidationError("--since: X-Ray summaries span at most 6h per query") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1-10000") }
    }

    func run() async throws {
        let lookback = try TimeArguments.duration(since, option: "--since")
        let clients = try moment.clients(cost: false)
        let report: TracesReport
        do {
            report = try await TracesReport.load(clients, lookback: lookback, service: service, errorsOnly: errors, limit: limit)
        } catch {
            printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        print(json ? report.json() : report.table(empty: "no traces in the last \(since)" + (service.map { " for \($0)" } ?? "")))
    }
}
