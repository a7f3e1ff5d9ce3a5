import CygniAWS
import CygniModel
import Foundation

extension LogEvent {
    /// A CloudWatch Logs event as the console reads it, through `LogLine` as every source's:
    /// level, message, fields, trace and span from a structured message. A `trace` already known
    /// (the one searched for) wins over the message's. The service is the group's last path
    /// part until the caller knows better.
    public init(cloudWatch event: CloudWatchLogEvent, trace: TraceID? = nil) {
        self.init(
            line: event.message, timestamp: event.timestamp, group: event.group, stream: event.stream,
            service: event.group.split(separator: "/").last.map(String.init) ?? event.group, traceID: trace)
    }
}
