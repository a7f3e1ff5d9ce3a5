import Foundation

/// When a token may be used: after `nbf` and before `exp`, each with a minute of leeway for
/// clocks that disagree between the identity provider and this server.
enum TokenLifetime {
    static let leeway: TimeInterval = 60

    /// Why a token with these times cannot be used at `now`, or nil when it can.
    static func problem(expiresAt: Date?, notBefore: Date?, now: Date) -> String? {
        guard let expiresAt else { return "token has no expiry (exp claim)" }
        if expiresAt.addingTimeInterval(leeway) < now {
            return "token expired (exp is in the past, beyond \(Int(leeway)) s of leeway)"
        }
        if let notBefore, notBefore.addingTimeInterval(-leeway) > now {
            return "token is not valid yet (nbf is in the future, beyond \(Int(leeway)) s of leeway)"
        }
        return nil
    }
}
