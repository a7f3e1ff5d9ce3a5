/// A configuration the client cannot use. Messages name profiles, files and variables; they never
/// contain a key, secret or token.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        case profileNotFound, noCredentials, partialCredentials, noRegion, invalidEndpoint
        case credentialProcessFailed, assumeRoleFailed, unsupported, cycle, unreadableFile
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
