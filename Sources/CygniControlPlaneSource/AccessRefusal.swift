import Foundation

/// cygnid's 401 as one line a person at the terminal can act on (a 403 is cygnid's own reason,
/// "role operator may not promote", as it is). cygnid's message says what it found wrong; the
/// token's claims (read, not verified, by cx) add when it expired and how to make a new one.
/// Nothing here repeats the token.
enum AccessRefusal {
    /// A 401: cygnid does not accept the token.
    static func unauthorized(_ serverMessage: String, token: BearerToken, now: Date = Date()) -> String {
        if let expiry = token.expiresAt, expiry < now || serverMessage.contains("expired") {
            let ago = max(0, now.timeIntervalSince(expiry))
            return "token expired \(Self.span(ago)) ago: make a new one with \(token.renewal)"
        }
        return "cygnid does not accept \(token.origin): \(serverMessage); make a new one with \(token.renewal)"
    }

    /// "40 s", "3 min", "5 h", "2 days".
    static func span(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<90: return "\(Int(seconds.rounded())) s"
        case ..<(90 * 60): return "\(Int((seconds / 60).rounded())) min"
        case ..<(48 * 3_600): return "\(Int((seconds / 3_600).rounded())) h"
        default: return "\(Int((seconds / 86_400).rounded())) days"
        }
    }
}
