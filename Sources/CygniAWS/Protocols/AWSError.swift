import Foundation

/// The one error every AWS call raises: what failed (service, operation), how (HTTP status, AWS
/// error code and message) and what kind of failure it is, so callers can react by class.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Class: String, Sendable, Equatable, CaseIterable {
        case throttling, auth, accessDenied, notFound, validation, server, network
    }

    public var service: String
    public var operation: String
    /// nil when no response arrived.
    public var status: Int?
    public var code: String
    /// From the service (or the transport); untrusted text: sanitize before display.
    public var message: String
    public var errorClass: Class
    public var requestID: String?
    /// The transport failure behind a `.network` error.
    public var transport: TransportError?
    /// Seconds from a Retry-After header.
    public var retryAfter: Double?

    public init(
        service: String, operation: String, status: Int?, code: String, message: String, errorClass: Class,
        requestID: String? = nil, transport: TransportError? = nil, retryAfter: Double? = nil
    ) {
        self.service = service
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.errorClass = errorClass
        self.requestID = requestID
        self.transport = transport
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(service) \(operation) failed: \(code)"
        if let status { text += " (HTTP \(status))" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }

    static func network(_ failure: TransportError, service: String, operation: String) -> AWSError {
        AWSError(
            service: service, operation: operation, status: nil, code: "NetworkError", message: failure.description,
            errorClass: .network, transport: failure
        )
    }

    static func malformed(_ what: String, status: Int, service: String, operation: String) -> AWSError {
        AWSError(
            service: service, operation: operation, status: status, code: "MalformedResponse",
            message: "the \(what) response could not be read", errorClass: .server
        )
    }
}

extension AWSError.Class {
    private static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    private static let authCodes: Set<String> = [
        "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException", "InvalidSignatureException",
        "ExpiredToken", "ExpiredTokenException", "RequestExpired", "IncompleteSignature", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "AuthFailure", "InvalidAccessKeyId", "InvalidToken", "RequestTimeTooSkewed",
        "RequestInTheFuture", "NotAuthorized", "MissingAction",
    ]
    private static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException", "Forbidden",
        "AuthorizationError", "OptInRequired",
    ]

    /// Classifies by AWS code first (a throttle may come as 400), then by HTTP status.
    static func classify(code: String, status: Int) -> AWSError.Class {
        if throttlingCodes.contains(code) || status == 429 { return .throttling }
        if authCodes.contains(code) || status == 401 { return .auth }
        if accessDeniedCodes.contains(code) { return .accessDenied }
        if code.hasSuffix("NotFoundException") || code.hasSuffix("NotFound") || code.hasPrefix("NoSuch")
            || code == "ResourceNotFoundException" || status == 404
        {
            return .notFound
        }
        if status >= 500 { return .server }
        if status == 403 { return .accessDenied }
        return .validation
    }
}
