import Foundation
import Testing

@testable import CygniAWS

/// The client against moto through scripts/fault-proxy.py: each fault gives the expected retry or
/// error, and nothing crashes. Serialized: the proxy has one fault queue.
@Suite(.serialized)
struct FaultInjectionTests {
    func client(timeout: Double = 10, retry: RetryPolicy = .immediate) async throws -> AWSClient {
        let proxy = try await FaultProxy.shared.endpoint()
        try await FaultProxy.shared.reset()
        return try await motoClient(endpoint: proxy, retry: retry, options: TransferOptions(connectTimeout: 2, timeout: timeout))
    }

    func requests() async throws -> Int { try await FaultProxy.shared.requestCount() }

    @Test func oneThrottleIsRetriedAndSucceeds() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("throttle")
        _ = try await sts.getCallerIdentity()
        #expect(try await requests() == 2)
    }

    @Test func throttlingOnEveryAttemptStopsAfterThreeWithAThrottlingError() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("throttle", "throttle-xml", "throttle")
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error.errorClass == .throttling)
        #expect(error.code == "ThrottlingException")
        #expect(try await requests() == 3)
    }

    @Test func a503IsRetried() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("503")
        _ = try await sts.getCallerIdentity()
        #expect(try await requests() == 2)
    }

    @Test func a503OnANonIdempotentWriteIsNotRetried() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("503")
        let error = try await #require(throws: AWSError.self) {
            try await sts.assumeRole(AssumeRoleRequest(roleARN: "arn:aws:iam::123456789012:role/r", sessionName: "s", profile: "p"))
        }
        #expect(error.status == 503)
        #expect(error.errorClass == .server)
        #expect(try await requests() == 1)
    }

    @Test func aThrottledNonIdempotentWriteIsRetried() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("throttle")
        _ = try await sts.assumeRole(AssumeRoleRequest(roleARN: "arn:aws:iam::123456789012:role/r", sessionName: "s", profile: "p"))
        #expect(try await requests() == 2)
    }

    @Test func aConnectionResetIsRetried() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("reset")
        _ = try await sts.getCallerIdentity()
        #expect(try await requests() == 2)
    }

    @Test func aResponseSlowerThanTheTimeoutIsAbandonedAndRetried() async throws {
        let sts = STSClient(try await client(timeout: 1))
        // The slow answer would take 8 s; the retry is answered at once. The bound leaves room
        // for a machine busy with the rest of the suite.
        try await FaultProxy.shared.queue("slow:8")
        let started = Date()
        _ = try await sts.getCallerIdentity()
        #expect(Date().timeIntervalSince(started) < 6)
        #expect(try await requests() == 2)
    }

    @Test func timeoutsOnEveryAttemptGiveANetworkError() async throws {
        let sts = STSClient(try await client(timeout: 0.5))
        try await FaultProxy.shared.queue("slow:1", "slow:1", "slow:1")
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error.errorClass == .network)
        #expect(error.transport == .timedOut(seconds: 0.5))
    }

    @Test func aTruncatedBodyIsRetried() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("truncate")
        _ = try await sts.getCallerIdentity()
        #expect(try await requests() == 2)
    }

    @Test func malformedXMLIsAServerErrorWithoutRetry() async throws {
        let sts = STSClient(try await client())
        try await FaultProxy.shared.queue("malformed-xml")
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error.code == "MalformedResponse")
        #expect(error.errorClass == .server)
        #expect(try await requests() == 1)
    }

    @Test func malformedJSONIsAServerErrorWithoutRetry() async throws {
        let ecs = ECSClient(try await client())
        try await FaultProxy.shared.queue("malformed-json")
        let error = try await #require(throws: AWSError.self) { try await ecs.listClusters() }
        #expect(error.code == "MalformedResponse")
        #expect(try await requests() == 1)
    }

    @Test func retryAfterIsHonoured() async throws {
        let slept = Locked<[Double]>([])
        let policy = RetryPolicy(sleep: { seconds in slept.withLock { $0.append(seconds) } })
        let sts = STSClient(try await client(retry: policy))
        try await FaultProxy.shared.queue("throttle-after:0.75")
        _ = try await sts.getCallerIdentity()
        #expect(slept.withLock { $0 }.first.map { $0 >= 0.75 } == true)
    }

    @Test func cancellingTheTaskAbortsTheTransferAtOnce() async throws {
        let sts = STSClient(try await client(timeout: 30))
        try await FaultProxy.shared.queue("slow:20")
        let task = Task { try await sts.getCallerIdentity() }
        try await Task.sleep(for: .milliseconds(300))
        let started = Date()
        task.cancel()
        let result = await task.result
        // Far sooner than the 20 s answer or the 30 s timeout, even on a busy machine.
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(throws: CancellationError.self) { try result.get() }
    }
}
