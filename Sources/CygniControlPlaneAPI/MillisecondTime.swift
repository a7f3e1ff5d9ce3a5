import Foundation

/// A trace's or log line's time on the wire: ISO 8601 UTC with milliseconds
/// (`2026-12-07T02:00:00.123Z`). The API's other dates are whole seconds; these are what a
/// console passes back as `since`, so cygnid compares them at the precision it wrote them and
/// a line is never served twice, or skipped, for a rounding.
public struct MillisecondTime: Codable, Sendable, Equatable {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Self.date(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.string(date))
    }

    /// Whole milliseconds since 1970, rounded down, with 10 µs of slack: a time read back from
    /// its milliseconds can come back below them (a Double near 1.7e12 ms is exact only to
    /// about 0.4 µs, and each conversion between 1970 and 2001 epochs adds to that).
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000 + 0.01).rounded(.down))
    }

    public static func string(_ date: Date) -> String {
        // A quarter millisecond in: the same digits whether the formatter truncates or rounds.
        let exact = Date(timeIntervalSince1970: (Double(milliseconds(date)) + 0.25) / 1_000)
        return withFraction.format(exact)
    }

    /// With or without fractional seconds; nil for anything else.
    public static func date(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
