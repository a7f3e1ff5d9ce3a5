import ArgumentParser
import CygniClients
import CygniDashboard
import CygniModel
import Foundation

/// `cx logs --trace ID`: the log lines that carry a trace (or one span of it), across log
/// groups, in time order. The id may be given in X-Ray or W3C form; lines written with either
/// form are found. The search is the console's Logs pane's, on every source.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "The log events of a trace (or span) across log groups, in time order.",
        discussion: """
            The window: --start/--end when given; else the last --since when given; otherwise, when the source knows the trace (X-Ray \
            on AWS, the sandbox's kept traces), its own start and end with 2 s either side (clocks differ, logs lag); otherwise the last \
            2 hours. Groups: every --log-group (or --group); without one, the groups of the services the trace went through (on AWS a \
            watched service's awslogs-group, else /ecs/SERVICE, the awslogs default of ECS task definitions), or every watched \
            service's when the trace is unknown. The console's Logs pane searches the same way. JSON, logfmt and plain lines are read \
            as the Logs pane reads them: time, level and message, and a structured line's other fields ("fields" in --json). Exit \
            status: 0 events found, 1 none found (stderr names the window and groups searched and how to widen them) or the search \
            failed, 2 a usage error or no group to search.
            """
    )

    @OptionGroup var moment: SourceMoment

    @Option(help: "The trace id, X-Ray (1-5759e988-bd86...) or W3C (32 hex digits) form.")
    var trace: String

    @Option(help: "Only the lines of this span (16 hex digits).")
    var span: String?

    @Option(name: [.customLong("log-group"), .customLong("group")], help: "A log group to search; repeat for several.")
    var groups: [String] = []

    @Option(help: "Search the last 30s, 15m, 2h, 1d instead of the trace's own times (default: those, or the last 2h when unknown).")
    var since: String?

    @Option(help: "Window start: ISO 8601 or epoch seconds (with --end).")
    var start: String?

    @Option(help: "Window end: ISO 8601 or epoch seconds (with --start).")
    var end: String?

    @Option(help: "At most this many events (1 to 1000000); cx says when more carry the trace.")
    var limit: Int = 100_000

    @Flag(help: "Print JSON: {\"traceId\", \"truncated\", \"window\", \"groups\", \"events\": [{\"timestamp\", \"group\", \"stream\", \"message\", \"traceId\", \"spanId\", \"level\", \"fields\"}]}.")
    var json = false

    func validate() throws {
        guard TraceID(trace) != nil else {
            throw ValidationError("--trace: \"\(trace)\" is not a trace id (X-Ray 1-XXXXXXXX-24 hex digits, or 32 hex digits)")
        }
        if let span, SpanID(span) == nil { throw ValidationError("--span: \"\(span)\" is not a span id (16 hex digits)") }
        guard (1...1_000_000).contains(limit) else { throw ValidationError("--limit: must be 1 to 1000000, not \(limit)") }
        if (start == nil) != (end == nil) { throw ValidationError("--start and --end go together") }
        if since != nil && start != nil { throw ValidationError("--since and --start/--end are two ways to give the window: use one") }
        _ = try lookback()
        _ = try window()
    }

    /// The --since given, if any.
    func lookback() throws -> TimeInterval? {
        try since.map { try TimeArguments.duration($0, option: "--since") }
    }

    /// The window given with --start and --end, if any.
    func window() throws -> DateInterval? {
        guard let start, let end else { return nil }
        let (from, to) = (try TimeArguments.date(start, option: "--start"), try TimeArguments.date(end, option: "--end"))
        guard to > from else { throw ValidationError("--end must be after --start") }
        return DateInterval(start: from, end: to)
    }

    func run() async throws {
        let traceID = TraceID(trace)!
        let query = TraceLogQuery(
            trace: traceID, span: span.flatMap(SpanID.init), window: try window(), since: try lookback(), groups: groups, limit: limit)
        let clients = try moment.clients(cost: false)
        let search: TraceLogSearch
        do {
            search = try await clients.traceSearch.logs(query)
        } catch {
            printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        for note in search.notes { printError("cx: \(HeadlessOutput.clean(note))") }
        guard !search.groups.isEmpty else {
            printError("cx: no log group to search for trace \(traceID.xray); name the groups with --log-group")
            throw ExitCode(2)
        }
        if search.reachedLimit {
            printError("cx: stopped at \(search.events.count) events; more may carry the trace: narrow --start/--end, or add --span")
        }
        let report = TraceLogsReport(search, trace: traceID, span: query.span)
        if json {
            report.writeJSON { print($0) }
        } else {
            report.writeTable { print($0) }
        }
        if search.events.isEmpty {
            printError("cx: \(report.nothingFound)")
            throw ExitCode(1)
        }
    }
}
