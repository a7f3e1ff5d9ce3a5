import Crypto
import Foundation

/// The principals of tokens verified lately, so a client's every request does not parse the
/// token and check its signature again. Entries are found by the SHA-256 of the Authorization
/// header (the token itself is not kept), and last until the token expires (with the leeway)
/// or `lifetime` passes, whichever is first, so a change of keys takes effect within it. At
/// most `capacity` entries; refusals are never kept, so every bad token is verified (and audited).
actor VerifiedTokens {
    static let capacity = 4_096
    static let lifetime: TimeInterval = 60

    private struct Entry {
        var principal: Principal
        var until: Date
    }

    private var entries: [SHA256Digest: Entry] = [:]

    func principal<Failure: Error>(
        authorization: String?, verify: (String?) async throws(Failure) -> Principal
    ) async throws(Failure) -> Principal {
        guard let authorization else { return try await verify(authorization) }
        let key = SHA256.hash(data: Data(authorization.utf8))
        let now = Date()
        if let entry = entries[key], entry.until > now { return entry.principal }
        let principal = try await verify(authorization)
        guard let expiry = Self.expiry(authorization) else { return principal }
        if entries.count >= Self.capacity {
            entries = entries.filter { $0.value.until > now }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[key] = Entry(principal: principal, until: min(expiry.addingTimeInterval(TokenLifetime.leeway), now.addingTimeInterval(Self.lifetime)))
        return principal
    }

    /// The token's `exp`, read without verifying anything (the verifier does that before an
    /// entry is kept); nil when there is none to read, and such a token is never kept.
    private static func expiry(_ authorization: String) -> Date? {
        // "Bearer HEADER.PAYLOAD.SIGNATURE": the scheme rides with the first part.
        let segments = authorization.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let payload = Data(base64URL: String(segments[1])),
            let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
            let exp = claims["exp"] as? NSNumber, !(claims["exp"] is Bool)
        else { return nil }
        return Date(timeIntervalSince1970: exp.doubleValue)
    }
}
