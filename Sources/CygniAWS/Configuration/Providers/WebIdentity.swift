import Foundation

/// A role assumed with an OIDC token from a file (EKS service accounts, CI systems):
/// STS AssumeRoleWithWebIdentity, which is called unsigned since the token is the proof.
public struct WebIdentityRequest: Sendable, Equatable {
    public var roleARN: String
    public var sessionName: String
    public var tokenFile: String
    /// "environment" or "profile NAME", for messages.
    public var origin: String

    static func from(environment: AWSEnvironment) -> WebIdentityRequest? {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], let role = environment["AWS_ROLE_ARN"] else { return nil }
        return WebIdentityRequest(
            roleARN: role, sessionName: environment["AWS_ROLE_SESSION_NAME"] ?? defaultSessionName, tokenFile: file, origin: "environment"
        )
    }

    static func from(profile: [String: String], named name: String, roleARN: String) -> WebIdentityRequest? {
        guard let file = profile["web_identity_token_file"] else { return nil }
        return WebIdentityRequest(
            roleARN: roleARN, sessionName: profile["role_session_name"] ?? defaultSessionName, tokenFile: file, origin: "profile \(name)"
        )
    }

    static var defaultSessionName: String { "cx-session-\(Int(Date().timeIntervalSince1970))" }

    /// Read on every fetch: the token in the file is rotated under us.
    func token() throws -> String {
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw ConfigurationError(.unreadableFile, "\(origin): web identity token file \(tokenFile) cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ConfigurationError(.noCredentials, "\(origin): web identity token file \(tokenFile) is empty") }
        return token
    }
}
