import Foundation

extension Trace {
    /// Where its log lines are: from two seconds before it started to two seconds after its last
    /// span ended (clocks differ and logs lag; a call can end after its caller).
    public var logWindow: (start: Date, end: Date) {
        let last = spans.map { $0.startOffsetMilliseconds + $0.durationMilliseconds }.max() ?? durationMilliseconds
        return (start.addingTimeInterval(-2), start.addingTimeInterval(max(last, durationMilliseconds) / 1_000 + 2))
    }
}
