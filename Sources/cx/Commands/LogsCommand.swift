import ArgumentParser
import CygniAWS
import CygniAWSSource
import CygniDashboard
import CygniModel
import Foundation

/// `cx logs --trace ID`: the log lines that carry a trace (or one span of it), across log
/// groups, in time order. The id may be given in X-Ray or W3C form; lines written with either
/// form are found.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "The log events of a trace (or span) across log groups, in time order.",
        discussion: """
            The window: --start/--end when given; otherwise, when X-Ray knows the trace, its own
            start and end with 2 s either side (clocks differ, logs lag); otherwise the last --since.
            Groups: every --group; without one, /ecs/SERVICE for each service the trace touched
            (the awslogs default of ECS task definitions).
            """
    )

    @OptionGroup var aws: AWSOptions

    @Option(help: "The trace id, X-Ray (1-5759e988-bd86...) or W3C (32 hex digits) form.")
    var trace: String

    @Option(help: "Only the lines of this span (16 hex digits).")
    var span: String?

    @Option(name: .customLong("group"), help: "A log group to search; repeat for several.")
    var groups: [String] = []

    @Option(help: "How far back to look when the trace's own times are unknown: 30s, 15m, 2h, 1d.")
    var since: String = "2h"

    @Option(help: "Window start: ISO 8601 or epoch seconds (with --end).")
    var start: String?

    @Option(help: "Window end: ISO 8601 or epoch seconds (with --start).")
    var end: String?

    @Option(help: "At most this many events (1 to 1000000); cx says when more carry the trace.")
    var limit: Int = 100_000

    @Flag(help: "Print JSON: {\"traceId\", \"truncated\", \"events\": [{\"timestamp\", \"group\", \"stream\", \"message\", \"traceId\", \"spanId\", \"level\"}]}.")
    var json = false

    func validate() throws {
        guard TraceID(trace) != nil else {
            throw ValidationError("--trace: \"\(trace)\" is not a trace id (X-Ray 1-XXXXXXXX-24 hex digits, or 32 hex digits)")
        }
        if let span, SpanID(span) == nil { throw ValidationError("--span: \"\(span)\" is not a span id (16 hex digits)") }
        guard (1...1_000_000).contains(limit) else { throw ValidationError("--limit: must be 1 to 1000000, not \(limit)") }
        if (start == nil) != (end == nil) { throw ValidationError("--start and --end go together") }
        _ = try TimeArguments.duration(since, option: "--since")
        if let start, let end, try TimeArguments.date(end, option: "--end") <= TimeArguments.date(start, option: "--start") {
            throw ValidationError("--end must be after --start")
        }
    }

    func run() async throws {
        let traceID = TraceID(trace)!
        let spanID = span.flatMap(SpanID.init)
        let client = aws.client()
        var window: (start: Date, end: Date)
        var groups = self.groups
        if let start, let end {
            window = (try TimeArguments.date(start, option: "--start"), try TimeArguments.date(end, option: "--end"))
        } else {
            window = (Date().addingTimeInterval(-(try TimeArguments.duration(since, option: "--since"))), Date())
        }
        var xrayFailure: String?
        if start == nil || groups.isEmpty {
            // What X-Ray knows of the trace narrows the window and names the services.
            do {
                if let document = try await XRayClient(client).batchGetTraces(ids: [traceID.xray]).first, let known = Trace(xray: document) {
                    if start == nil { window = known.logWindow }
                    if groups.isEmpty { groups = known.services.map { "/ecs/\($0)" } }
                }
            } catch {
                xrayFailure = HeadlessOutput.clean(String(describing: error))
            }
        }
        if let xrayFailure {
            // Not knowing the trace is a usage matter; X-Ray failing is a failure, said as such.
            guard !groups.isEmpty else {
                printError("cx: X-Ray could not be asked which services trace \(traceID.xray) touched: \(xrayFailure); name the log groups with --group")
                throw ExitCode(1)
            }
            if start == nil { printError("cx: X-Ray could not be asked for the trace's times (\(xrayFailure)); searching the last \(since)") }
        }
        guard !groups.isEmpty else {
            printError("cx: no log group to search: X-Ray does not know trace \(traceID.xray); name the groups with --group")
            throw ExitCode(2)
        }
        let search: TraceLogSearch
        do {
            var logs = LogsClient(client)
            logs.maxItems = limit
            search = try await logs.events(forTrace: traceID, span: spanID, groups: groups, start: window.start, end: window.end)
        } catch {
            printError("cx: \(HeadlessOutput.clean(String(describing: error)))")
            throw ExitCode(1)
        }
        if search.reachedLimit {
            printError("cx: stopped at \(search.events.count) events; more may carry the trace: narrow --start/--end, or add --span")
        }
        let events = search.events
        if json {
            TraceLogsJSON.print(search, trace: traceID)
        } else if events.isEmpty {
            print("no log events carry trace \(traceID.xray) in \(groups.joined(separator: ", "))")
        } else {
            HeadlessOutput.printTable(rowCount: events.count + 1) { index in
                guard index > 0 else { return ["TIME", "GROUP", "STREAM", "LEVEL", "MESSAGE"] }
                let event = events[index - 1]
                return [
                    HeadlessOutput.timestamp(event.timestamp), event.group, event.stream,
                    event.level?.rawValue.uppercased() ?? "-", event.message,
                ]
            }
        }
    }
}

/// The JSON of `cx logs --trace`, written one event per line as it goes: encoding 100,000 events
/// as one document would hold several copies of them at once. Keys are sorted, as in every
/// other command's JSON.
enum TraceLogsJSON {
    static func print(_ search: TraceLogSearch, trace: TraceID) {
        Swift.print("{")
        Swift.print("  \"events\" : [")
        for (index, event) in search.events.enumerated() {
            let line = String(decoding: object(event).serialized, as: UTF8.self)
            Swift.print("    " + line + (index == search.events.count - 1 ? "" : ","))
        }
        Swift.print("  ],")
        Swift.print("  \"traceId\" : \"\(trace.xray)\",")
        Swift.print("  \"truncated\" : \(search.reachedLimit)")
        Swift.print("}")
    }

    static func object(_ event: LogEvent) -> JSONValue {
        var fields: [String: JSONValue] = [
            "timestamp": .number((event.timestamp.timeIntervalSince1970 * 1000).rounded()),
            "group": .string(event.group), "stream": .string(event.stream), "message": .string(event.message),
        ]
        if let trace = event.traceID { fields["traceId"] = .string(trace.xray) }
        if let span = event.spanID { fields["spanId"] = .string(span.hex) }
        if let level = event.level { fields["level"] = .string(level.rawValue) }
        return .object(fields)
    }
}
