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

/// CloudWatch Logs: filtered and per-stream reads.
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
