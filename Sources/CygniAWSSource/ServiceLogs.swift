import CygniAWS
import CygniModel
import Foundation

/// Log events of the watched services from CloudWatch Logs: the recent ones, and those of a trace.
struct ServiceLogs: Sendable {
    let regional: RegionalClients
    /// Events read per group and call. A group that wrote more since the last call gives its
    /// oldest ones now and the rest on the next calls, so a followed log has no gap.
    static let perGroupLimit = 500
    /// Without `since`, how far back to look.
    static let defaultWindow: TimeInterval = 5 * 60
    /// Events kept for one trace.
    static let perTraceLimit = 2_000

    /// A log group of a watched service.
    struct Group: Hashable, Sendable {
        var region: String
        var name: String
        var service: String
    }

    static func groups(of services: [WatchedService]) -> [Group] {
        var seen: Set<Group> = []
        return services.flatMap { service in service.logGroups.map { Group(region: service.region, name: $0, service: service.name) } }
            .filter { seen.insert($0).inserted }
    }

    /// Events after `since` across the groups, in time order.
    func recent(since: Date?, now: Date, groups: [Group]) async throws -> [LogEvent] {
        let start = since ?? now.addingTimeInterval(-Self.defaultWindow)
        let regional = regional
        let events = try await eachGroup(groups) { group in
            var logs = LogsClient(regional.client(for: group.region))
            logs.maxItems = Self.perGroupLimit
            return try await logs.filterLogEvents(group: group.name, start: start).map { event in
                var converted = LogsClient.logEvent(event)
                converted.service = group.service
                return converted
            }
        }
        // FilterLogEvents' start is inclusive and in whole milliseconds; the interface's is not.
        return Self.ordered(events.filter { event in since.map { event.timestamp > $0 } ?? true })
    }

    /// The events carrying the trace (and span) in the window, in time order.
    func events(forTrace trace: TraceID, span: SpanID?, window: (start: Date, end: Date), groups: [Group]) async throws -> [LogEvent] {
        let regional = regional
        let events = try await eachGroup(groups) { group in
            var logs = LogsClient(regional.client(for: group.region))
            logs.maxItems = Self.perTraceLimit
            let search = try await logs.events(forTrace: trace, span: span, groups: [group.name], start: window.start, end: window.end)
            return search.events.map { event in
                var converted = event
                converted.service = group.service
                return converted
            }
        }
        return Array(Self.ordered(events).prefix(Self.perTraceLimit))
    }

    /// Runs `read` on every group at once. A group that does not exist (a service configured
    /// with none writes nowhere) has no events; any other failure fails the pane.
    private func eachGroup(_ groups: [Group], _ read: @escaping @Sendable (Group) async throws -> [LogEvent]) async throws -> [LogEvent] {
        try await reading("CloudWatch Logs", "logs:FilterLogEvents") {
            try await withThrowingTaskGroup(of: [LogEvent].self) { tasks in
                for group in groups {
                    tasks.addTask {
                        do {
                            return try await read(group)
                        } catch let error as AWSError where error.errorClass == .notFound {
                            return []
                        }
                    }
                }
                var all: [LogEvent] = []
                for try await events in tasks { all += events }
                return all
            }
        }
    }

    /// By time, then group and stream; events of one stream in one millisecond keep the order
    /// the service gave them.
    private static func ordered(_ events: [LogEvent]) -> [LogEvent] {
        events.enumerated()
            .sorted { ($0.element.timestamp, $0.element.group, $0.element.stream, $0.offset) < ($1.element.timestamp, $1.element.group, $1.element.stream, $1.offset) }
            .map(\.element)
    }
}
