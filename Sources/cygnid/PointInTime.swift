import CygniControlPlane
import Foundation

/// `--since` and `--until` as people write them: a UTC day (`2026-12-01`), a time in ISO 8601
/// (`2026-12-01T09:30:00Z`, or with an offset), or a span back from now (`7d`, `36h`).
enum PointInTime {
    static func date(_ text: String, now: Date = Date()) -> Date? {
        if let seconds = TimeSpan.seconds(text) { return now.addingTimeInterval(-seconds) }
        if let time = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return time }
        if let time = try? Date.ISO8601FormatStyle().parse(text) { return time }
        // A day alone; the day style would also take the date out of a longer text and drop the rest.
        guard text.count == 10 else { return nil }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(text)
    }
}
