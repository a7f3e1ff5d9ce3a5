import Foundation

/// A duration field: seconds as a number, or text such as "90s", "5m", "1h30m".
enum DurationField {
    static let maximum = 24.0 * 3600

    static func seconds(_ value: Any?, field: String, default fallback: Double) throws(APIError) -> Double {
        let seconds: Double
        switch value {
        case nil, is NSNull:
            return fallback
        case let number as NSNumber where !RequestFields.isBoolean(value):
            seconds = number.doubleValue
        case let text as String:
            guard let parsed = TimeSpan.seconds(text) else { throw .invalidField("\(field) \(TokenVerifier.printable(text)) is not a duration such as 90s, 5m or 1h30m") }
            seconds = parsed
        default:
            throw .invalidField("\(field) must be seconds or a duration such as 5m")
        }
        guard seconds.isFinite, seconds >= 0, seconds <= maximum else { throw .invalidField("\(field) must be from 0 to 24h") }
        return seconds
    }
}
