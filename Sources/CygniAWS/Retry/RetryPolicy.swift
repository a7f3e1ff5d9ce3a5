import Foundation

/// Standard-mode retries: up to `maxAttempts`, full-jitter exponential backoff capped at
/// `maxBackoff`, a shared token bucket, and Retry-After honoured.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// The backoff before retry n (1-based) is random in 0 ..< min(base * 2^(n-1), maxBackoff).
    public var baseDelay: Double
    public var maxBackoff: Double
    public var bucket: RetryTokenBucket
    /// Uniform in 0..<1; replaced in tests.
    public var random: @Sendable () -> Double
    public var sleep: @Sendable (_ seconds: Double) async throws -> Void

    public init(
        maxAttempts: Int = 3, baseDelay: Double = 1, maxBackoff: Double = 20, bucket: RetryTokenBucket = RetryTokenBucket(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (_ seconds: Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.bucket = bucket
        self.random = random
        self.sleep = sleep
    }

    public static var standard: RetryPolicy { RetryPolicy() }

    /// Whether the failure is worth another attempt at all, ignoring attempts and tokens.
    public static func isRetryable(_ error: AWSError, idempotent: Bool) -> Bool {
        if error.errorClass == .throttling { return true }  // rejected before any effect
        if let transport = error.transport {
            return transport.requestNeverSent || (idempotent && transport.isTransient)
        }
        guard idempotent else { return false }
        if let status = error.status, [500, 502, 503, 504].contains(status) { return true }
        return ["RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable", "IDPCommunicationError"]
            .contains(error.code)
    }

    /// Seconds to wait before attempt `attempt + 1`, or nil to give up.
    func delay(after error: AWSError, attempt: Int) -> Double? {
        let backoff = random() * min(baseDelay * pow(2, Double(attempt - 1)), maxBackoff)
        guard let retryAfter = error.retryAfter else { return backoff }
        // A server asking for more than the cap is asking us to stop.
        return retryAfter <= maxBackoff ? max(retryAfter, backoff) : nil
    }

    static func cost(of error: AWSError) -> Int {
        if case .timedOut = error.transport { return RetryTokenBucket.timeoutRetryCost }
        return RetryTokenBucket.retryCost
    }
}
