import Foundation

/// Sends encoded calls to AWS: resolves the endpoint, signs each attempt, retries by the standard
/// mode's rules and turns every failure into an `AWSError`. Typed service clients sit on top.
public final class AWSClient: Sendable {
    public let configuration: AWSConfiguration
    public let transport: HTTPTransport
    public let retryPolicy: RetryPolicy
    public let transferOptions: TransferOptions
    let signer = SigV4Signer()
    public let now: @Sendable () -> Date
    /// Where each request sent is counted (the process's meter unless given another).
    public let usage: AWSUsageMeter
    /// Server Date minus local time at the last response, for clock-skew checks.
    private let skew = Locked<TimeInterval?>(nil)

    public static let userAgent = "cx/0.1 CygniAWS"

    public init(
        configuration: AWSConfiguration, transport: HTTPTransport = .curl, retryPolicy: RetryPolicy = .standard,
        transferOptions: TransferOptions = .default, now: @escaping @Sendable () -> Date = Date.init, usage: AWSUsageMeter = .process
    ) {
        self.configuration = configuration
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.transferOptions = transferOptions
        self.now = now
        self.usage = usage
    }

    /// The same client on connections of `priority`'s own.
    public func prioritized(_ priority: TransferPriority) -> AWSClient {
        var options = transferOptions
        options.priority = priority
        return AWSClient(configuration: configuration, transport: transport, retryPolicy: retryPolicy, transferOptions: options, now: now, usage: usage)
    }

    /// How far the server's clock is ahead of ours, from the last response's Date header.
    public var observedClockSkew: TimeInterval? { skew.withLock { $0 } }

    /// Sends the call and returns the 2xx response; throws `AWSError`, `ConfigurationError`
    /// (no region, no credentials) or `CancellationError`.
    public func send(_ call: OperationCall) async throws -> HTTPResponse {
        let endpoint = try configuration.endpoint(for: call.service)
        let credentials = call.isSigned ? try await configuration.credentials.credentials() : nil
        let url = Self.url(base: endpoint.url, path: call.path, query: call.query)
        let invocation = UUID().uuidString.lowercased()
        var attempt = 1
        var spentOnRetry: Int?
        while true {
            try Task.checkCancellation()
            var request = HTTPRequest(method: call.method, url: url, headers: call.headers, body: call.body)
            request.headers.append(("User-Agent", Self.userAgent))
            request.headers.append(("amz-sdk-invocation-id", invocation))
            request.headers.append(("amz-sdk-request", "attempt=\(attempt); max=\(retryPolicy.maxAttempts)"))
            if let credentials {
                signer.sign(&request, credentials: credentials, region: endpoint.signingRegion, service: call.service.signingName, date: now())
            }

            var error: AWSError
            usage.countRequest(service: call.service.signingName, operation: call.operation)
            do {
                let response = try await transport.send(request, transferOptions)
                recordClock(response)
                if (200..<300).contains(response.status) {
                    retryPolicy.bucket.recordSuccess(refunding: spentOnRetry)
                    return response
                }
                error = ErrorResponseParser.parse(response, service: call.service.id, operation: call.operation)
            } catch let failure as TransportError {
                error = .network(failure, service: call.service.id, operation: call.operation)
            }
            if let credentials { error.message = Self.redact(error.message, credentials) }

            guard attempt < retryPolicy.maxAttempts,
                RetryPolicy.isRetryable(error, idempotent: call.isIdempotent),
                let delay = retryPolicy.delay(after: error, attempt: attempt)
            else { throw error }
            let cost = RetryPolicy.cost(of: error)
            guard retryPolicy.bucket.acquire(cost) else { throw error }
            spentOnRetry = cost
            try await retryPolicy.sleep(delay)
            attempt += 1
        }
    }

    static func url(base: String, path: String, query: [(String, String)]) -> String {
        var url = base.hasSuffix("/") ? String(base.dropLast()) : base
        url += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty {
            url += "?" + query.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }

    /// A service echoing a secret or token back (some auth errors quote the canonical request)
    /// must not carry it into our errors.
    static func redact(_ message: String, _ credentials: Credentials) -> String {
        var message = message
        for secret in [credentials.secretAccessKey, credentials.sessionToken ?? ""] where secret.count >= 4 {
            message = message.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return message
    }

    private func recordClock(_ response: HTTPResponse) {
        guard let text = response.header("date"), let serverDate = Timestamp.parseHTTPDate(text) else { return }
        let offset = serverDate.timeIntervalSince(now())
        skew.withLock { $0 = offset }
    }
}
