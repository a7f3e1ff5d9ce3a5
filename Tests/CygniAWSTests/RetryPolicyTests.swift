import Foundation
import Testing

@testable import CygniAWS

struct RetryPolicyTests {
    func error(_ code: String, status: Int?, transport: TransportError? = nil, retryAfter: Double? = nil) -> AWSError {
        AWSError(
            service: "ECS", operation: "ListServices", status: status, code: code, message: "",
            errorClass: status.map { .classify(code: code, status: $0) } ?? .network, transport: transport, retryAfter: retryAfter
        )
    }

    @Test func backoffIsFullJitterExponentialCappedAtTwentySeconds() {
        let policy = RetryPolicy(random: { 0.999999 })
        let failure = error("ThrottlingException", status: 400)
        #expect(abs(policy.delay(after: failure, attempt: 1)! - 1) < 0.001)
        #expect(abs(policy.delay(after: failure, attempt: 2)! - 2) < 0.001)
        #expect(abs(policy.delay(after: failure, attempt: 6)! - 20) < 0.001)
        #expect(policy.delay(after: failure, attempt: 30)! <= 20)
        #expect(RetryPolicy(random: { 0 }).delay(after: failure, attempt: 3) == 0)
    }

    @Test func retryAfterBeyondTheCapMeansStop() {
        let policy = RetryPolicy(random: { 0.5 })
        #expect(policy.delay(after: error("TooManyRequestsException", status: 429, retryAfter: 3), attempt: 1) == 3)
        #expect(policy.delay(after: error("TooManyRequestsException", status: 429, retryAfter: 60), attempt: 1) == nil)
    }

    @Test func whatIsRetried() {
        #expect(RetryPolicy.isRetryable(error("ThrottlingException", status: 400), idempotent: false))
        #expect(RetryPolicy.isRetryable(error("InternalFailure", status: 500), idempotent: true))
        #expect(!RetryPolicy.isRetryable(error("InternalFailure", status: 500), idempotent: false))
        #expect(RetryPolicy.isRetryable(error("ServiceUnavailable", status: 503), idempotent: true))
        #expect(!RetryPolicy.isRetryable(error("ValidationException", status: 400), idempotent: true))
        #expect(!RetryPolicy.isRetryable(error("AccessDeniedException", status: 403), idempotent: true))
        #expect(!RetryPolicy.isRetryable(error("SignatureDoesNotMatch", status: 403), idempotent: true))
        let reset = error("NetworkError", status: nil, transport: .connectionReset(detail: ""))
        #expect(RetryPolicy.isRetryable(reset, idempotent: true))
        #expect(!RetryPolicy.isRetryable(reset, idempotent: false))
        let refused = error("NetworkError", status: nil, transport: .couldNotConnect(host: "h", detail: ""))
        #expect(RetryPolicy.isRetryable(refused, idempotent: false))
        #expect(!RetryPolicy.isRetryable(error("NetworkError", status: nil, transport: .insecureEndpoint(host: "h")), idempotent: true))
    }

    @Test func theTokenBucketRunsDryAndRefills() {
        let bucket = RetryTokenBucket()
        var granted = 0
        while bucket.acquire(RetryTokenBucket.retryCost) { granted += 1 }
        #expect(granted == RetryTokenBucket.capacity / RetryTokenBucket.retryCost)
        bucket.recordSuccess(refunding: RetryTokenBucket.retryCost)
        #expect(bucket.available == RetryTokenBucket.retryCost)
        bucket.recordSuccess(refunding: nil)
        #expect(bucket.available == RetryTokenBucket.retryCost + 1)
    }

    @Test func anEmptyBucketStopsRetriesAtOnce() async throws {
        let calls = Locked(0)
        let transport = HTTPTransport { _, _ in
            calls.withLock { $0 += 1 }
            return HTTPResponse(status: 503, body: Data("busy".utf8))
        }
        let bucket = RetryTokenBucket()
        while bucket.acquire(1) {}
        let client = AWSClient(
            configuration: AWSConfiguration(region: "us-east-1", credentials: .fixed(Credentials(accessKeyID: "AKID", secretAccessKey: "secret"))),
            transport: transport, retryPolicy: RetryPolicy(bucket: bucket, sleep: { _ in })
        )
        await #expect(throws: AWSError.self) { try await STSClient(client).getCallerIdentity() }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test func eachAttemptIsSignedAfreshAndCounted() async throws {
        let seen = Locked<[HTTPRequest]>([])
        let transport = HTTPTransport { request, _ in
            let count = seen.withLock { $0.append(request); return $0.count }
            return count < 3 ? HTTPResponse(status: 500) : HTTPResponse(status: 200, body: Data("<GetCallerIdentityResponse/>".utf8))
        }
        let client = AWSClient(
            configuration: AWSConfiguration(region: "eu-west-1", credentials: .fixed(Credentials(accessKeyID: "AKID", secretAccessKey: "secret"))),
            transport: transport, retryPolicy: RetryPolicy(sleep: { _ in })
        )
        _ = try await STSClient(client).getCallerIdentity()
        let requests = seen.withLock { $0 }
        #expect(requests.map { $0.header("amz-sdk-request") } == ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"])
        #expect(requests.allSatisfy { $0.header("Authorization")?.contains("/eu-west-1/sts/aws4_request") == true })
        #expect(requests[0].url == "https://sts.eu-west-1.amazonaws.com/")
    }
}
