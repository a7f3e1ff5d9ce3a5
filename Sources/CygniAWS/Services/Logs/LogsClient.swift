import CygniModel
import Foundation

/// One event from CloudWatch Logs, as the service returns it.
public struct CloudWatchLogEvent: Sendable, Equatable {
    public var timestamp: Date
    public var group: String
    public var stream: String
    /// Untrusted text: sanitize before display.
    public var message: String
    public var eventID: String?
}

/// CloudWatch Logs: filtered and per-stream reads, and finding the events of a trace.
public struct LogsClient: Sendable {
    public let client: AWSClient
    public var maxItems = 100_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, _ input: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        let response = try await client.send(.awsJSON(.cloudWatchLogs, operation, input, idempotent: idempotent))
        return try JSONResponse.document(response, operation: operation, service: .cloudWatchLogs)
    }

    static func milliseconds(_ date: Date) -> JSONValue {
        .number((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Events of a group matching a filter pattern, across its streams, up to `maxItems`.
    public func filterLogEvents(
        group: String, pattern: String? = nil, start: Date? = nil, end: Date? = nil, streams: [String] = []
    ) async throws -> [CloudWatchLogEvent] {
        var events: [CloudWatchLogEvent] = []
        _ = try await filterLogEvents(group: group, pattern: pattern, start: start, end: end, streams: streams) { events.append(contentsOf: $0) }
        return events
    }

    /// The same, page by page. Returns true when it stopped at `maxItems` with events left.
    public func filterLogEvents(
        group: String, pattern: String? = nil, start: Date? = nil, end: Date? = nil, streams: [String] = [],
        eachPage: ([CloudWatchLogEvent]) throws -> Void
    ) async throws -> Bool {
        var input: [String: JSONValue] = ["logGroupName": .string(group)]
        if let pattern { input["filterPattern"] = .string(pattern) }
        if let start { input["startTime"] = Self.milliseconds(start) }
        if let end { input["endTime"] = Self.milliseconds(end) }
        if !streams.isEmpty { input["logStreamNames"] = .array(streams.map(JSONValue.string)) }
        return try await Pagination.walk(maxItems: maxItems, { token in
            var page = input
            if let token { page["nextToken"] = .string(token) }
            let output = try await call("FilterLogEvents", .object(page))
            let events = output["events"]?.array.map { event in
                CloudWatchLogEvent(
                    timestamp: Date(timeIntervalSince1970: (event["timestamp"]?.double ?? 0) / 1000), group: group,
                    stream: event["logStreamName"]?.string ?? "", message: event["message"]?.string ?? "", eventID: event["eventId"]?.string
                )
            } ?? []
            return (events, output["nextToken"]?.string)
        }, consume: eachPage)
    }

    /// Events of one stream, oldest first. GetLogEvents hands back the same forward token at the
    /// end of the stream; that ends the walk.
    public func getLogEvents(group: String, stream: String, start: Date? = nil, end: Date? = nil) async throws -> [CloudWatchLogEvent] {
        var input: [String: JSONValue] = ["logGroupName": .string(group), "logStreamName": .string(stream), "startFromHead": true]
        if let start { input["startTime"] = Self.milliseconds(start) }
        if let end { input["endTime"] = Self.milliseconds(end) }
        return try await Pagination.collect(maxItems: maxItems) { token in
            var page = input
            if let token { page["nextToken"] = .string(token) }
            let output = try await call("GetLogEvents", .object(page))
            let events = output["events"]?.array.map { event in
                CloudWatchLogEvent(
                    timestamp: Date(timeIntervalSince1970: (event["timestamp"]?.double ?? 0) / 1000), group: group, stream: stream,
                    message: event["message"]?.string ?? "", eventID: nil
                )
            } ?? []
            return (events, events.isEmpty ? nil : output["nextForwardToken"]?.string)
        }
    }

    /// The events of `groups` that carry the trace, in X-Ray or W3C form, in time order: the
    /// earliest `maxItems` of them across all groups. The service is asked for each spelling as
    /// a quoted substring; every returned event is checked again here, since filter patterns are
    /// loose (moto's especially). Events are converted page by page, so only what is kept stays
    /// in memory: at most `maxItems + 1` per group and spelling.
    public func events(forTrace trace: TraceID, span: SpanID? = nil, groups: [String], start: Date, end: Date) async throws -> TraceLogSearch {
        var search = TraceLogSearch()
        let (xray, w3c) = (trace.xray, trace.w3c)
        for group in groups {
            for spelling in [xray, w3c] {
                // Each group may hold the earliest events, so each gets the whole budget; one
                // event past the limit tells a search that is cut from one that just fits.
                var reader = self
                reader.maxItems = maxItems < Int.max ? maxItems + 1 : maxItems
                let stopped = try await reader.filterLogEvents(group: group, pattern: "\"\(spelling)\"", start: start, end: end) { page in
                    for event in page {
                        let hasXRay = event.message.containsIgnoringASCIICase(xray)
                        guard hasXRay || event.message.containsIgnoringASCIICase(w3c) else { continue }
                        // A line with both spellings came back for the first one already.
                        if spelling == w3c && hasXRay { continue }
                        let converted = Self.logEvent(event, trace: trace)
                        if let span, converted.spanID != span && !converted.message.containsIgnoringASCIICase(span.hex) { continue }
                        search.events.append(converted)
                    }
                }
                search.reachedLimit = search.reachedLimit || stopped
            }
        }
        search.events.sort { ($0.timestamp, $0.group, $0.stream) < ($1.timestamp, $1.group, $1.stream) }
        if search.events.count > maxItems {
            search.events.removeLast(search.events.count - maxItems)
            search.reachedLimit = true
        }
        return search
    }

    /// Reads level, trace and span from JSON-structured messages when they carry them. A `trace`
    /// already known (the one searched for) wins over the message's; without one, the message's
    /// own trace field is read, in either id form.
    public static func logEvent(_ event: CloudWatchLogEvent, trace: TraceID? = nil) -> LogEvent {
        var level: LogLevel?
        var span: SpanID?
        var carried = trace
        if event.message.first == "{", let json = try? JSONValue.parse(Data(event.message.utf8)) {
            level = (json["level"] ?? json["severity"] ?? json["lvl"])?.string.flatMap(LogLevel.init(loose:))
            span = (json["spanId"] ?? json["span_id"] ?? json["spanID"])?.string.flatMap(SpanID.init)
            if carried == nil {
                carried = (json["traceId"] ?? json["trace_id"] ?? json["traceID"])?.string.flatMap(TraceID.init)
            }
        }
        return LogEvent(
            timestamp: event.timestamp, group: event.group, stream: event.stream, service: event.group.split(separator: "/").last.map(String.init) ?? event.group,
            level: level, message: event.message, traceID: carried, spanID: span
        )
    }

    // MARK: Setup calls (tests, seeding)

    public func createLogGroup(_ name: String) async throws {
        _ = try await call("CreateLogGroup", ["logGroupName": .string(name)], idempotent: false)
    }

    public func createLogStream(group: String, stream: String) async throws {
        _ = try await call("CreateLogStream", ["logGroupName": .string(group), "logStreamName": .string(stream)], idempotent: false)
    }

    /// Events must be in time order within one call.
    public func putLogEvents(group: String, stream: String, events: [(Date, String)]) async throws {
        let items: [JSONValue] = events.map { ["timestamp": Self.milliseconds($0.0), "message": .string($0.1)] }
        _ = try await call(
            "PutLogEvents", ["logGroupName": .string(group), "logStreamName": .string(stream), "logEvents": .array(items)], idempotent: false
        )
    }
}
