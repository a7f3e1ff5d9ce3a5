import Foundation

/// An access key, its secret and an optional session token. Printing, dumping or interpolating a
/// value shows the key id's last four characters only: the secret and token never appear.
public struct Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Where they came from ("environment", "profile dev", "assume-role arn:..."), for `cx doctor`.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: String = "") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// Whether they expire within `margin` seconds of `now`.
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    /// "****WXYZ": enough to tell keys apart, never enough to use one.
    public var redactedKeyID: String {
        "****" + String(accessKeyID.suffix(4))
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Credentials(key: \(redactedKeyID), secret: <redacted>\(sessionToken == nil ? "" : ", token: <redacted>"), source: \(source))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": redactedKeyID, "source": source], displayStyle: .struct)
    }
}
