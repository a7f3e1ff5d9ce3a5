import CygniModel
import Foundation

/// The request counts of one service over the 30-day SLO window: per minute for the last three
/// days (the longest burn-rate window) and per day before that, so memory stays fixed however long
/// the world runs.
struct ServiceHistory: Equatable, Sendable {
    static let minutesKept = 3 * 24 * 60
    static let olderDaysKept = 27

    private var minutes = BoundedBuffer<RequestCounts>(capacity: minutesKept)
    private var current = RequestCounts()
    private var olderDays = BoundedBuffer<RequestCounts>(capacity: olderDaysKept)
    /// Minutes that fell out of the per-minute window and are being gathered into a day.
    private var gathering = RequestCounts()
    private var gatheredMinutes = 0

    mutating func add(_ counts: RequestCounts) {
        current += counts
    }

    /// Ends the current minute.
    mutating func closeMinute() {
        append(minute: current)
        current = RequestCounts()
    }

    mutating func append(minute counts: RequestCounts) {
        if minutes.count == Self.minutesKept {
            gathering += minutes[0]
            gatheredMinutes += 1
            if gatheredMinutes == 24 * 60 {
                olderDays.append(gathering)
                gathering = RequestCounts()
                gatheredMinutes = 0
            }
        }
        minutes.append(counts)
    }

    mutating func append(olderDay counts: RequestCounts) {
        olderDays.append(counts)
    }

    /// Sums over the latest `spans` minutes (the current partial minute counts as one), in the order
    /// given, in one pass from the newest minute back.
    func windows(_ spans: [Int]) -> [RequestCounts] {
        let shortestFirst = spans.indices.sorted { spans[$0] < spans[$1] }
        var results = [RequestCounts](repeating: RequestCounts(), count: spans.count)
        var running = current
        var covered = 1
        var next = 0
        var index = minutes.count - 1
        while next < shortestFirst.count {
            while next < shortestFirst.count, spans[shortestFirst[next]] <= covered {
                results[shortestFirst[next]] = running
                next += 1
            }
            // Spans longer than the history get everything there is.
            guard index >= 0 else { break }
            running += minutes[index]
            covered += 1
            index -= 1
        }
        while next < shortestFirst.count {
            results[shortestFirst[next]] = running
            next += 1
        }
        return results
    }

    /// Everything kept: the SLO window.
    func wholeWindow() -> RequestCounts {
        var total = current + gathering
        for index in 0..<minutes.count { total += minutes[index] }
        for index in 0..<olderDays.count { total += olderDays[index] }
        return total
    }

    /// Everything kept, oldest first, as spans of time: the older days, the minutes being gathered
    /// into a day, each minute, and the current minute up to `now`. The history keeps no clock:
    /// `minuteEnd` is where the newest closed minute ended, and `now` the start of the second the
    /// current minute has counted last.
    func spans(minuteEnd: Date, now: Date) -> [HistorySpan] {
        let minutesStart = minuteEnd.addingTimeInterval(-Double(minutes.count) * 60)
        let gatheringStart = minutesStart.addingTimeInterval(-Double(gatheredMinutes) * 60)
        var spans = (0..<olderDays.count).map { index in
            HistorySpan(
                start: gatheringStart.addingTimeInterval(-Double(olderDays.count - index) * 86_400), seconds: 86_400,
                counts: olderDays[index])
        }
        if gatheredMinutes > 0 {
            spans.append(HistorySpan(start: gatheringStart, seconds: Double(gatheredMinutes) * 60, counts: gathering))
        }
        for index in 0..<minutes.count {
            spans.append(HistorySpan(start: minutesStart.addingTimeInterval(Double(index) * 60), seconds: 60, counts: minutes[index]))
        }
        spans.append(HistorySpan(start: minuteEnd, seconds: now.timeIntervalSince(minuteEnd) + 1, counts: current))
        return spans
    }
}

/// Requests over one span of a service's history.
struct HistorySpan: Equatable, Sendable {
    var start: Date
    var seconds: Double
    var counts: RequestCounts
}
