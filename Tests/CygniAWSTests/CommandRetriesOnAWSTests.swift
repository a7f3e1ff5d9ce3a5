import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Operator commands on AWS while AWS misbehaves (moto behind a fault proxy of each test's own):
/// transient failures are tried again until traffic is where the command puts it; failures no
/// retry can fix stop at once and say what to do by hand; the outcome is one audit entry.
struct CommandRetriesOnAWSTests {
    struct Setup {
        let fixture: RolloutFixture
        let proxy: FaultProxy
        let plane: AWSControlPlane
        let audit: Locked<[AuditEntry]>

        func command(_ kind: OperatorCommand.Kind = .rollback) -> OperatorCommand {
            OperatorCommand(kind: kind, rolloutID: fixture.rolloutID, service: fixture.service, reason: "5xx", actor: "operator:ana", idempotencyKey: UUID().uuidString)
        }

        func taskSetIDs() async throws -> [String] {
            try await ECSClient(fixture.client).describeTaskSets(cluster: fixture.cluster, service: fixture.service).map(\.id).sorted()
        }
    }

    func setup(canaryWeight: Int = 30, commandTimeout: Double = 1) async throws -> Setup {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: canaryWeight)
        let proxy = FaultProxy()
        let client = try await motoClient(region: "eu-west-3", endpoint: try await proxy.endpoint())
        let audit = Locked<[AuditEntry]>([])
        let plane = AWSControlPlane(
            client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]),
            audit: AuditWriter { new in audit.withLock { $0 += new } }, commandTimeout: commandTimeout)
        _ = try await plane.rollouts()
        return Setup(fixture: fixture, proxy: proxy, plane: plane, audit: audit)
    }

    /// Retries that wait a few milliseconds; the delays they report are the real schedule's.
    /// The deadline is generous: under the whole suite's load one try through moto can take
    /// many seconds.
    func quickRetry(deadline: Double? = 300) -> CommandRetry {
        CommandRetry(deadline: deadline, sleep: { _ in try await Task.sleep(for: .milliseconds(5)) })
    }

    static let accessDeniedXML = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>"

    /// The failure of the report: one unreadable 200 answer to DescribeServices. Before, the
    /// command failed at once; now it is tried again and completes.
    @Test func anUnreadableAnswerIsTriedAgainUntilTrafficIsOnStable() async throws {
        let setup = try await setup()
        // The SDK does not retry an unreadable 200 itself: each one costs a try.
        try await setup.proxy.queue(Array(repeating: "malformed-json when DescribeServices", count: 2))
        let attempts = Locked<[CommandAttempt]>([])
        let outcome = try await setup.plane.perform(setup.command(), retry: quickRetry()) { attempt in attempts.withLock { $0.append(attempt) } }
        #expect(outcome.accepted && outcome.attempts == 3, "\(outcome)")
        #expect(try await setup.fixture.listenerWeights() == [100, 0])
        #expect(try await setup.taskSetIDs() == [setup.fixture.stable.id])
        let reported = attempts.withLock { $0 }
        #expect(reported.map(\.number) == [1, 2])
        #expect(reported.first?.error.contains("MalformedResponse") == true, "\(reported)")
        #expect(reported.first.map { $0.retryIn > 0 && $0.retryIn <= 1 } == true, "the first retry must start within a second")
        #expect(reported.first?.trafficSettled == false)
        let entries = setup.audit.withLock { $0 }
        #expect(entries.count == 1)
        #expect(entries.first.map { ($0.accepted, $0.attempts, $0.toCanaryPercent, $0.toPhase) } ?? (false, nil, -1, .pending) == (true, 3, 0, .rolledBack))
        let timeline = try #require(try await setup.plane.rollouts().first { $0.id == setup.fixture.rolloutID })
        #expect(timeline.events.contains { $0.message.hasPrefix("rollback try 1 failed: reading service") })
        #expect(timeline.events.contains { $0.message.contains("(after 3 tries)") })
    }

    @Test(arguments: ["throttle-xml", "503", "reset", "slow:2", "truncate", "malformed-json", "malformed-xml"])
    func everyTransientFaultOnTheListenerWriteIsRetried(fault: String) async throws {
        let setup = try await setup()
        try await setup.proxy.queue(Array(repeating: "\(fault) when Action=ModifyListener", count: 4))
        let outcome = try await setup.plane.perform(setup.command(), retry: quickRetry()) { _ in }
        #expect(outcome.accepted, "\(outcome)")
        #expect(outcome.attempts >= 2, "four faults in a row must outlast one try")
        #expect(try await setup.fixture.listenerWeights() == [100, 0])
        #expect(try await setup.taskSetIDs() == [setup.fixture.stable.id])
        #expect(setup.audit.withLock { $0.count } == 1)
    }

    /// The listener write answers 200 but does not land (a proxy that acknowledged and lost it):
    /// reading the weights back catches it, the try is made again, and the canary is deleted only
    /// once the listener really shows stable 100.
    @Test func aWriteThatDidNotLandIsCaughtByReadingTheWeightsBack() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: 30)
        let writes = Locked(0)
        let losing = HTTPTransport { request, options in
            if String(decoding: request.body, as: UTF8.self).contains("Action=ModifyListener"), writes.withLock({ $0 += 1; return $0 }) == 1 {
                let body = "<ModifyListenerResponse><ModifyListenerResult><Listeners/></ModifyListenerResult></ModifyListenerResponse>"
                return HTTPResponse(status: 200, body: Data(body.utf8))
            }
            return try await HTTPTransport.curl.send(request, options)
        }
        let client = AWSClient(configuration: fixture.client.configuration, transport: losing, retryPolicy: .immediate)
        let plane = AWSControlPlane(client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]))
        _ = try await plane.rollouts()
        let attempts = Locked<[CommandAttempt]>([])
        let command = OperatorCommand(kind: .rollback, rolloutID: fixture.rolloutID, service: fixture.service, reason: nil, actor: "operator:ana", idempotencyKey: "lost-write")
        let outcome = try await plane.perform(command, retry: quickRetry()) { attempt in attempts.withLock { $0.append(attempt) } }
        #expect(outcome.accepted && outcome.attempts == 2, "\(outcome)")
        #expect(attempts.withLock { $0 }.first?.error.contains("do not show the new weights") == true, "\(attempts.withLock { $0 })")
        #expect(try await fixture.listenerWeights() == [100, 0])
        #expect(writes.withLock { $0 } == 2)
    }

    @Test func accessDeniedOnTheListenerStopsAtOnceAndSaysWhatToDoByHand() async throws {
        let setup = try await setup()
        try await setup.proxy.answer(status: 403, body: Self.accessDeniedXML, contains: "Action=ModifyListener", contentType: "text/xml")
        let attempts = Locked(0)
        await #expect {
            _ = try await setup.plane.perform(setup.command(), retry: quickRetry()) { _ in attempts.withLock { $0 += 1 } }
        } throws: { error in
            let message = (error as? ClientError)?.message ?? ""
            return message.contains("moving traffic") && message.contains("AccessDenied") && message.contains("by hand")
                && message.hasSuffix("traffic did not move")
        }
        #expect(attempts.withLock { $0 } == 0, "access denied must not be retried")
        #expect(try await setup.fixture.listenerWeights() == [70, 30])
        let entry = try #require(setup.audit.withLock { $0.first })
        #expect(!entry.accepted && entry.attempts == 1 && entry.toCanaryPercent == 30)
    }

    @Test func atTheDeadlineItSaysTrafficDidNotMove() async throws {
        let setup = try await setup()
        try await setup.proxy.answer(status: 503, body: "Service Unavailable", contains: "Action=ModifyListener", contentType: "text/plain")
        let started = ContinuousClock.now
        // When each retry was promised, and in how long: none may begin past the deadline.
        let promised = Locked<[Double]>([])
        await #expect {
            _ = try await setup.plane.perform(setup.command(), retry: CommandRetry(deadline: 3)) { attempt in
                let elapsed = started.duration(to: .now) / .seconds(1)
                promised.withLock { $0.append(elapsed + attempt.retryIn) }
            }
        } throws: { error in
            let message = (error as? ClientError)?.message ?? ""
            return message.hasPrefix("gave up after") && message.contains("HTTP 503") && message.hasSuffix("traffic did not move")
        }
        // Checked by when each try was to begin, not by the whole run's time: on a loaded
        // machine every answer is slow, and the last try runs to its end past the deadline.
        for begins in promised.withLock({ $0 }) { #expect(begins < 3.5, "a try was to begin \(begins) s in, past the 3 s deadline") }
        #expect(started.duration(to: .now) < .seconds(60), "retrying must end")
        #expect(try await setup.fixture.listenerWeights() == [70, 30])
        #expect(setup.audit.withLock { $0.count } == 1)
    }

    /// Traffic moved, then deleting the canary fails: only cleanup is retried, and the reports
    /// say traffic is on stable.
    @Test func aCleanupFailureAfterTrafficMovedIsRetriedOnItsOwn() async throws {
        let setup = try await setup()
        try await setup.proxy.queue(Array(repeating: "503 when DeleteTaskSet", count: 4))
        let attempts = Locked<[CommandAttempt]>([])
        let outcome = try await setup.plane.perform(setup.command(), retry: quickRetry()) { attempt in attempts.withLock { $0.append(attempt) } }
        #expect(outcome.accepted && outcome.cleanupPending == nil, "\(outcome)")
        let reported = attempts.withLock { $0 }
        #expect(!reported.isEmpty && reported.allSatisfy(\.trafficSettled), "\(reported)")
        #expect(reported.first?.error.hasPrefix("deleting the canary task set") == true)
        #expect(try await setup.taskSetIDs() == [setup.fixture.stable.id])
        let requests = try await setup.proxy.requests().compactMap { $0["body"]?.string }
        #expect(requests.filter { $0.contains("Action=ModifyListener") }.count == 1, "the listener is written once; retries only clean up")
    }

    @Test func aCleanupThatCannotBeDoneLeavesTrafficOnStableAndSaysSo() async throws {
        let setup = try await setup()
        try await setup.proxy.answer(
            status: 400, body: #"{"__type":"AccessDeniedException","message":"not allowed"}"#, contains: "\"taskSet\"",
            contentType: "application/x-amz-json-1.1")
        let outcome = try await setup.plane.perform(setup.command(), retry: quickRetry()) { _ in }
        #expect(outcome.accepted)
        #expect(outcome.message.hasPrefix("traffic is on stable; cleanup pending"), "\(outcome.message)")
        #expect(outcome.cleanupPending?.contains("aws ecs delete-task-set") == true)
        #expect(try await setup.fixture.listenerWeights() == [100, 0])
        let entry = try #require(setup.audit.withLock { $0.first })
        #expect(entry.accepted && entry.toCanaryPercent == 0 && entry.toPhase == .rolledBack)
    }

    @Test func cancellingBetweenTriesStopsAndIsJournaled() async throws {
        let setup = try await setup()
        try await setup.proxy.answer(status: 503, body: "Service Unavailable", contains: "Action=ModifyListener", contentType: "text/plain")
        let firstFailure = AsyncStream<Void>.makeStream()
        let plane = setup.plane
        let command = setup.command()
        let task = Task {
            try await plane.perform(command, retry: CommandRetry(deadline: nil)) { _ in firstFailure.continuation.yield() }
        }
        for await _ in firstFailure.stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await setup.fixture.listenerWeights() == [70, 30])
        let entry = try #require(setup.audit.withLock { $0.first })
        #expect(!entry.accepted && entry.reason?.contains("cancelled by the operator after 1 try; traffic did not move") == true, "\(entry.reason ?? "")")
    }

    @Test func promoteFinishesWhatAFailedTryLeft() async throws {
        let setup = try await setup(canaryWeight: 50)
        try await setup.proxy.queue(Array(repeating: "503 when UpdateServicePrimaryTaskSet", count: 4))
        let outcome = try await setup.plane.perform(setup.command(.promote), retry: quickRetry()) { _ in }
        #expect(outcome.accepted && outcome.attempts >= 2, "\(outcome)")
        #expect(try await setup.fixture.listenerWeights() == [0, 100])
        let sets = try await ECSClient(setup.fixture.client).describeTaskSets(cluster: setup.fixture.cluster, service: setup.fixture.service)
        #expect(sets.map { "\($0.id) \($0.status)" } == ["\(setup.fixture.canary.id) PRIMARY"])
    }
}
