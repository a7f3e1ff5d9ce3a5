import ArgumentParser
import CygniAWS
import CygniAWSSource
import CygniDashboard
import CygniModel
import Foundation

/// `cx traces`: recent X-Ray traces, newest first: id, root service, start, duration,
/// error/fault, HTTP status.
struct TracesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Recent traces from X-Ray, newest first, filterable by service and to errors."
    )

    @OptionGroup var aws: AWSOptions

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
        let client = aws.client()
        let end = Date()
        let start = end.addingTimeInterval(-(try TimeArguments.duration(since, option: "--since")))
        var rows: [TraceRow]
        do {
            // FilterExpression is applied here, not sent: it is not portable (moto rejects any).
            let summaries = try await XRayClient(client).getTraceSummaries(start: start, end: end)
                .filter { !errors || $0.hasError || $0.hasFault }
            rows = try await TraceRow.rows(for: summaries, service: service, limit: limit, client: client)
        } catch {
            printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        if json {
            print(HeadlessOutput.json(["traces": rows]))
        } else if rows.isEmpty {
            print("no traces in the last \(since)" + (service.map { " for \(HeadlessOutput.clean($0))" } ?? ""))
        } else {
            var table = [["TRACE", "ROOT", "START", "DURATION", "STATUS", "HTTP"]]
            for row in rows {
                table.append([
                    row.id, row.rootService ?? "—", row.start.map(HeadlessOutput.timestamp) ?? "—",
                    String(format: "%.0f ms", row.durationMilliseconds), row.fault ? "fault" : (row.error ? "error" : "ok"),
                    row.httpStatus.map(String.init) ?? "—",
                ])
            }
            print(HeadlessOutput.table(table, rightAligned: [3]))
        }
    }
}

/// One line of `cx traces`.
struct TraceRow: Encodable {
    var id: String
    var rootService: String?
    /// Nil (left out of the JSON, like the other unknowns) when neither the summary nor the
    /// segments say: never a made-up date.
    var start: Date?
    var durationMilliseconds: Double
    var error: Bool
    var fault: Bool
    var httpStatus: Int?

    /// The root service comes from the summary's entry point and the start from its start time;
    /// where X-Ray leaves them out (moto does), from the trace's root segment, fetched with one
    /// BatchGetTraces per 5 traces. Newest first, then the service filter, then the limit.
    static func rows(for summaries: [TraceSummary], service: String?, limit: Int, client: AWSClient) async throws -> [TraceRow] {
        let incomplete = summaries.filter { $0.entryPoint == nil || $0.startTime == nil }.map(\.id)
        var roots: [String: (name: String?, start: Date?)] = [:]
        if !incomplete.isEmpty {
            for document in try await XRayClient(client).batchGetTraces(ids: Array(incomplete.prefix(max(limit * 4, 100)))) {
                roots[document.id] = Trace(xray: document).map { ($0.service, $0.start) }
            }
        }
        let rows = summaries.map { summary in
            TraceRow(
                id: summary.id, rootService: summary.entryPoint ?? roots[summary.id]?.name,
                start: summary.startTime ?? roots[summary.id]?.start,
                durationMilliseconds: summary.duration * 1000, error: summary.hasError, fault: summary.hasFault,
                httpStatus: summary.httpStatus
            )
        }
        return Array(rows.filter { service == nil || $0.rootService == service }.sorted { ($0.start ?? .distantPast) > ($1.start ?? .distantPast) }.prefix(limit))
    }
}
