import CygniHarness
import Foundation
import Testing

@testable import CygniAWS

/// `cx rollback --yes` as a program while AWS misbehaves (moto behind a fault proxy): it keeps
/// going through every transient fault and exits 0 only when traffic is on stable; a refusal no
/// retry can fix ends it at once; at the deadline it says traffic did not move. One at a time:
/// each runs cx against moto, and many at once slow moto for the whole suite.
@Suite(.serialized)
struct RollbackCommandUnderFaultsTests {
    struct Run {
        let fixture: RolloutFixture
        let proxy: FaultProxy
        let arguments: [String]
        let environment: [String: String]
        let journal: String

        func rollback(deadline: String = "2m") async throws -> (status: Int32, output: String, seconds: Double) {
            let started = Date()
            let result = try await CxProgram.runAside(["rollback", fixture.service, "--yes", "--reason", "5xx", "--deadline", deadline] + arguments, environment: environment)
            return (result.status, result.output, Date().timeIntervalSince(started))
        }

        func canaryDeleted() async throws -> Bool {
            try await ECSClient(fixture.client).describeTaskSets(cluster: fixture.cluster, service: fixture.service).map(\.id) == [fixture.stable.id]
        }

        func auditEntries() -> [String] {
            ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    func run() async throws -> Run {
        let session = try await MotoHarness.shared.session()
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3", canaryWeight: 30)
        let proxy = FaultProxy()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("cx-state-\(UUID().uuidString)").path
        return Run(
            fixture: fixture, proxy: proxy,
            arguments: ["--aws", "--region", "eu-west-3", "--endpoint-url", try await proxy.endpoint(), "--cluster", fixture.cluster],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "HOME": FileManager.default.temporaryDirectory.path, "XDG_STATE_HOME": state,
                "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
            ],
            journal: state + "/cygni/audit.jsonl")
    }

    @Test(arguments: RollbackFaults.kinds + ["burst"])
    func everyFaultKindEndsWithTrafficOnStable(kind: String) async throws {
        let run = try await run()
        try await run.proxy.queue(kind == "burst" ? RollbackFaults.burst(seed: 7) : RollbackFaults.plan(kind))
        let result = try await run.rollback()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all traffic on stable"), "\(result.output)")
        #expect(try await run.fixture.listenerWeights() == [100, 0])
        #expect(try await run.canaryDeleted())
        // A slow answer is retried by the SDK within the same try; every other kind costs tries.
        if kind != "slow" {
            #expect(result.output.contains("cx: rollback try 1 failed:") || result.output.contains("cx: reading rollouts failed:"), "each retry is printed:\n\(result.output)")
        }
        let entries = run.auditEntries()
        #expect(entries.count == 1 && entries.first?.contains("\"accepted\":true") == true, "\(entries)")
    }

    @Test func accessDeniedOnTheListenerEndsAtOnceSayingWhy() async throws {
        let run = try await run()
        try await run.proxy.answer(status: 403, body: CommandRetriesOnAWSTests.accessDeniedXML, contains: "Action=ModifyListener", contentType: "text/xml")
        let result = try await run.rollback()
        #expect(result.status == 1)
        #expect(result.output.contains("cx: rollback failed: moving traffic: Elastic Load Balancing v2 ModifyListener failed: AccessDenied"), "\(result.output)")
        #expect(result.output.contains("set the weights by hand") && result.output.contains("traffic did not move"))
        #expect(!result.output.contains("try 1 failed"), "access denied is not retried:\n\(result.output)")
        #expect(result.seconds < 20)
        #expect(try await run.fixture.listenerWeights() == [70, 30])
    }

    @Test func atTheDeadlineItExitsOneSayingTrafficDidNotMove() async throws {
        let run = try await run()
        try await run.proxy.answer(status: 503, body: "Service Unavailable", contains: "Action=ModifyListener", contentType: "text/plain")
        let result = try await run.rollback(deadline: "4s")
        #expect(result.status == 1)
        #expect(result.output.contains("cx: rollback failed: gave up after"), "\(result.output)")
        #expect(result.output.contains("traffic did not move"))
        #expect(result.seconds < 20)
        #expect(try await run.fixture.listenerWeights() == [70, 30])
    }
}

/// The faults of the campaigns: each kind on the calls a rollback makes, and a burst of mixed
/// ones on whatever requests come.
enum RollbackFaults {
    static let kinds = ["throttle", "503", "reset", "slow", "truncate", "malformed-json", "malformed-xml"]

    /// Enough of one kind in a row on the listener write to outlast the SDK's own retries, and
    /// some on reading the service and deleting the canary. A slow answer costs a whole request
    /// timeout (10 s for a command), so once is enough.
    static func plan(_ kind: String) -> [String] {
        if kind == "slow" { return ["slow:11 when Action=ModifyListener"] }
        let fault = kind == "throttle" ? "throttle-xml" : kind
        let jsonFault = kind == "throttle" ? "throttle" : kind
        return Array(repeating: "\(jsonFault) when DescribeServices", count: 2)
            + Array(repeating: "\(fault) when Action=ModifyListener", count: 4)
            + Array(repeating: "\(jsonFault) when DeleteTaskSet", count: 3)
    }

    /// Fifty faults of every kind in a seeded order: most on any request, a few held for the
    /// listener write so the rollback meets them whatever else is polling.
    static func burst(seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let quick = ["throttle", "throttle-xml", "503", "reset", "slow:1", "truncate", "malformed-json", "malformed-xml"]
        var faults = (0..<44).map { _ in quick[next() % quick.count] }
        faults += ["503 when Action=ModifyListener", "reset when Action=ModifyListener", "malformed-json when Action=ModifyListener"]
        faults += ["throttle when DeleteTaskSet", "truncate when DeleteTaskSet", "slow:11 when Action=ModifyListener"]
        return faults
    }
}
