import CygniAWS
import CygniModel
import Foundation

/// Log events of the watched services from CloudWatch Logs: the recent ones, and those of a trace.
struct ServiceLogs: Sendable {
    let regional: RegionalClients
    /// Events read per group and call. A group that wrote more since the last call gives its
    /// oldest ones now and the rest on the next calls; so that the next call's `since` does not
    /// skip them, events of other groups from the cut-off millisecond on wait for that call too.
    static let perGroupLimit = 500
    /// Without `since`, how far back to look.
    static let defaultWindow: TimeInterval = 5 * 60

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
        let reads = try await eachGroup(groups) { group in
            var logs = LogsClient(regional.client(for: group.region))
            logs.maxItems = Self.perGroupLimit
            var events: [LogEvent] = []
            let capped = try await logs.filterLogEvents(group: group.name, start: start) { page in
                events += page.map { event in
                    var converted = LogEvent(cloudWatch: event)
                    converted.service = group.service
                    return converted
                }
            }
            return GroupRead(events: events, cutOff: capped ? events.map(\.timestamp).max() : nil)
        }
        let cutOff = reads.compactMap(\.cutOff).min()
        // FilterLogEvents' start is inclusive and in whole milliseconds; the interface's is not.
        return Self.ordered(reads.flatMap(\.events).filter { event in
            (since.map { event.timestamp > $0 } ?? true) && (cutOff.map { event.timestamp < $0 } ?? true)
        })
    }

    /// One group's events, and the time of its last one when it had more than the limit.
    struct GroupRead: Sendable {
        var events: [LogEvent]
        var cutOff: Date? = nil
        /// It stopped at its limit with events left.
        var reachedLimit = false
        /// The group does not exist.
        var missing: String? = nil
    }

    /// The events carrying the trace (and span) in the window, in time order: the earliest
    /// `limit` across the groups, each group searched at once with the whole budget (any of them
    /// may hold the earliest ones).
    func events(forTrace trace: TraceID, span: SpanID?, window: DateInterval, groups: [Group], limit: Int) async throws -> TraceLogSearch {
        let regional = regional
        let reads = try await eachGroup(groups) { group in
            let finder = TraceLogFinder(logs: LogsClient(regional.client(for: group.region)))
            let search = try await finder.events(forTrace: trace, span: span, group: group.name, start: window.start, end: window.end, limit: limit)
            return GroupRead(events: search.events.map { event in
                var converted = event
                converted.service = group.service
                return converted
            }, reachedLimit: search.reachedLimit)
        }
        let events = Self.ordered(reads.flatMap(\.events))
        let missing = reads.compactMap(\.missing).sorted()
        return TraceLogSearch(
            events: Array(events.prefix(limit)), reachedLimit: events.count > limit || reads.contains(where: \.reachedLimit),
            groups: groups.map(\.name).firstOccurrences,
            notes: missing.isEmpty ? [] : ["no such log group: \(missing.joined(separator: ", "))"])
    }

    /// Runs `read` on every group at once. A group that does not exist (a service configured
    /// with none writes nowhere) has no events; any other failure fails the pane.
    private func eachGroup(_ groups: [Group], _ read: @escaping @Sendable (Group) async throws -> GroupRead) async throws -> [GroupRead] {
        try await reading("CloudWatch Logs", "logs:FilterLogEvents") {
            try await withThrowingTaskGroup(of: GroupRead.self) { tasks in
                for group in groups {
                    tasks.addTask {
                        do {
                            return try await read(group)
                        } catch let error as AWSError where error.errorClass == .notFound {
                            return GroupRead(events: [], missing: group.name)
                        }
                    }
                }
                var all: [GroupRead] = []
                for try await read in tasks { all.append(read) }
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
