import CygniControlPlaneAPI
import CygniModel
import Foundation

/// The telemetry routes' query parameters, each read from the validated query and refused with
/// a 400 naming it. Absent parameters are nil: the route decides the default.
enum TelemetryQuery {
    /// `since`, `start`, `end`: ISO 8601 UTC, with or without fractional seconds.
    static func time(_ query: [String: String], _ name: String) throws(APIError) -> Date? {
        guard let text = query[name] else { return nil }
        guard let date = MillisecondTime.date(text) else {
            throw .badRequest("\(name) must be an ISO 8601 time such as 2026-12-07T02:00:00Z, not \(TokenVerifier.printable(text))")
        }
        return date
    }

    /// `trace`: X-Ray or W3C form.
    static func trace(_ query: [String: String]) throws(APIError) -> TraceID? {
        guard let text = query["trace"] else { return nil }
        guard let id = TraceID(text) else {
            throw .badRequest("trace must be a trace id in X-Ray (1-5759e988-bd862e3fe1be46a994272793) or W3C (32 hex digits) form")
        }
        return id
    }

    static func span(_ query: [String: String]) throws(APIError) -> SpanID? {
        guard let text = query["span"] else { return nil }
        guard let id = SpanID(text) else { throw .badRequest("span must be a span id of 16 hex digits, not all zero") }
        return id
    }

    static func integer(_ query: [String: String], _ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func boolean(_ query: [String: String], _ name: String) throws(APIError) -> Bool? {
        switch query[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw .badRequest("\(name) must be true or false")
        }
    }

    /// `lookback`: a duration as `--since` spells it (90s, 15m, 2h, 1d), up to X-Ray's 30 days.
    static func duration(_ query: [String: String], _ name: String) throws(APIError) -> TimeInterval? {
        guard let text = query[name] else { return nil }
        guard let seconds = TimeSpan.seconds(text), seconds >= 1, seconds <= 30 * 86_400 else {
            throw .badRequest("\(name) must be a duration from 1s to 30d, such as 2h")
        }
        return seconds
    }

    /// `groups`: log group names, comma separated, at most `groupLimit`.
    static func groups(_ query: [String: String]) throws(APIError) -> [String] {
        guard let text = query["groups"] else { return [] }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard names.count <= groupLimit, names.allSatisfy({ (1...512).contains($0.count) && !$0.contains(where: \.isWhitespace) }) else {
            throw .badRequest("groups must be 1 to \(groupLimit) log group names of 1 to 512 characters, comma separated, without spaces")
        }
        return names
    }

    static let groupLimit = 50

    /// `start` and `end` together or neither; start not after end.
    static func window(_ query: [String: String]) throws(APIError) -> DateInterval? {
        let start = try time(query, "start")
        let end = try time(query, "end")
        switch (start, end) {
        case (nil, nil): return nil
        case (let start?, let end?):
            guard start <= end else { throw .badRequest("start must not be after end") }
            return DateInterval(start: start, end: end)
        default:
            throw .badRequest("\(start == nil ? "start" : "end") is required with \(start == nil ? "end" : "start")")
        }
    }
}
