import Foundation

/// Who am I (GetCallerIdentity) and role assumption (AssumeRole).
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(_ client: AWSClient) {
        self.client = client
    }

    public struct CallerIdentity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userID: String
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await QueryResponse.result(
            of: client.send(.awsQuery(.sts, "GetCallerIdentity", QueryParameters(), idempotent: true)),
            operation: "GetCallerIdentity", service: .sts
        )
        return CallerIdentity(account: result.string("Account") ?? "", arn: result.string("Arn") ?? "", userID: result.string("UserId") ?? "")
    }

    /// Temporary credentials for the role; the source is this client's own credentials.
    public func assumeRole(_ request: AssumeRoleRequest) async throws -> Credentials {
        var parameters = QueryParameters()
        parameters["RoleArn"] = request.roleARN
        parameters["RoleSessionName"] = request.sessionName
        if let externalID = request.externalID { parameters["ExternalId"] = externalID }
        if let duration = request.durationSeconds { parameters["DurationSeconds"] = String(duration) }
        // Each call makes a new session: not idempotent, so only throttles and refused
        // connections are retried.
        let result = try await QueryResponse.result(
            of: client.send(.awsQuery(.sts, "AssumeRole", parameters, idempotent: false)),
            operation: "AssumeRole", service: .sts
        )
        return try Self.temporaryCredentials(result, operation: "AssumeRole", source: "role \(request.roleARN) (profile \(request.profile))")
    }

    /// Unsigned: the web identity token is the proof, and no credentials exist yet.
    public func assumeRoleWithWebIdentity(_ request: WebIdentityRequest) async throws -> Credentials {
        var parameters = QueryParameters()
        parameters["RoleArn"] = request.roleARN
        parameters["RoleSessionName"] = request.sessionName
        parameters["WebIdentityToken"] = try request.token()
        var call = OperationCall.awsQuery(.sts, "AssumeRoleWithWebIdentity", parameters, idempotent: false)
        call.isSigned = false
        let result = try await QueryResponse.result(of: client.send(call), operation: "AssumeRoleWithWebIdentity", service: .sts)
        return try Self.temporaryCredentials(
            result, operation: "AssumeRoleWithWebIdentity", source: "role \(request.roleARN) by web identity (\(request.origin))"
        )
    }

    /// The Credentials element both assume-role calls answer with.
    private static func temporaryCredentials(_ result: XMLNode, operation: String, source: String) throws -> Credentials {
        guard let credentials = result.child("Credentials"),
            let key = credentials.string("AccessKeyId"), let secret = credentials.string("SecretAccessKey")
        else {
            throw AWSError.malformed(operation, status: 200, service: ServiceDescriptor.sts.id, operation: operation)
        }
        return Credentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: credentials.string("SessionToken"),
            expiration: credentials.string("Expiration").flatMap(Timestamp.parseISO8601), source: source
        )
    }
}
