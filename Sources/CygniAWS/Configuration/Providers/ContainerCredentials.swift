import Foundation

/// Credentials served to a container: ECS task roles, EKS Pod Identity, AWS CloudShell. The
/// endpoint comes from AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on ECS's fixed address) or
/// AWS_CONTAINER_CREDENTIALS_FULL_URI, with an optional authorization token or token file.
public struct ContainerCredentialsRequest: Sendable, Equatable {
    public static let ecsAddress = "http://169.254.170.2"

    public var url: String
    public var authorizationToken: String?
    /// Read on every fetch: EKS rotates the file's token.
    public var authorizationTokenFile: String?

    static func from(environment: AWSEnvironment) throws -> ContainerCredentialsRequest? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = ecsAddress + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            guard let endpoint = Endpoint(full), endpoint.scheme == "https" || endpoint.allowsPlainHTTP else {
                throw ConfigurationError(
                    .invalidEndpoint,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or ECS/EKS credential address"
                )
            }
            url = full
        } else {
            return nil
        }
        return ContainerCredentialsRequest(
            url: url, authorizationToken: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
            authorizationTokenFile: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]
        )
    }

    func credentials(transport: HTTPTransport) async throws -> Credentials {
        var headers: [(name: String, value: String)] = []
        if let token = try authorization() { headers.append(("Authorization", token)) }
        let document = try await CredentialEndpoint.fetchJSON(
            HTTPRequest(method: "GET", url: url, headers: headers), transport: transport, describing: "the container credentials endpoint"
        )
        return try CredentialEndpoint.metadataCredentials(document, what: "the container credentials endpoint", source: "container credentials")
    }

    private func authorization() throws -> String? {
        var token = authorizationToken
        if let file = authorizationTokenFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError(.unreadableFile, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file) cannot be read")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // A line break would let the token smuggle a header of its own.
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw ConfigurationError(.credentialEndpointFailed, "the container authorization token contains a line break")
        }
        return token
    }
}
