/// Why a token was refused (a 401), and whose it was when its signature verified: a trusted key
/// vouches for that `sub`, so the audit entry names it; an unverified token's subject is anyone's
/// claim, and the entry says `anonymous`.
public struct TokenRejection: Error, Sendable, Equatable {
    public var message: String
    public var verifiedSubject: String?

    init(_ message: String, verifiedSubject: String? = nil) {
        self.message = message
        self.verifiedSubject = verifiedSubject
    }

    public var error: APIError { .unauthorized(message) }
}
