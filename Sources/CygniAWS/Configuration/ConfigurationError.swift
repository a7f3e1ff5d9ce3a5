/// A configuration the client cannot use. Messages name profiles, files and variables; they never
/// contain a key, secret or token.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        case profileNotFound, noCredentials, partialCredentials, noRegion, invalidEndpoint
        case credentialProcessFailed, assumeRoleFailed, unsupported, cycle, unreadableFile
        /// An IAM Identity Center login is missing or expired: `aws sso login` fixes it.
        case loginRequired
        /// A credential endpoint (SSO portal, container, instance metadata) refused or failed.
        case credentialEndpointFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
