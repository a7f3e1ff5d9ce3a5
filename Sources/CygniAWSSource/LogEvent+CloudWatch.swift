import CygniAWS
import CygniModel
import Foundation

extension LogEvent {
    /// A CloudWatch Logs event as the console reads it: level, trace and span from a
    /// JSON-structured message when it carries them. A `trace` already known (the one searched
    /// for) wins over the message's; without one, the message's own trace field is read, in
    /// either id form. The service is the group's last path part until the caller knows better.
    public init(cloudWatch event: CloudWatchLogEvent, trace: TraceID? = nil) {
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
        self.init(
            timestamp: event.timestamp, group: event.group, stream: event.stream,
            service: event.group.split(separator: "/").last.map(String.init) ?? event.group,
            level: level, message: event.message, traceID: carried, spanID: span
        )
    }
}
