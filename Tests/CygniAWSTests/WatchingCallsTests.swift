import CygniAWSSource
import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniAWS

/// What watching costs in requests, through the fault proxy's request log: each trace document
/// is fetched once, listeners are read again only every 30 s or after a command, and the list
/// of services once a minute while their descriptions are read on every refresh.
struct WatchingCallsTests {
    func bodies(_ proxy: FaultProxy) async throws -> [String] {
        try await proxy.requests().compactMap { $0["body"]?.string }
    }

    func targets(_ proxy: FaultProxy) async throws -> [String] {
        try await proxy.requests().compactMap { $0["target"]?.string }
    }

    @Test func aTraceDocumentIsFetchedOnce() async throws {
        let proxy = FaultProxy()
        let client = try await motoClient(region: "ap-south-1", endpoint: try await proxy.endpoint())
        let now = Date().timeIntervalSince1970.rounded(.down)
        let id = "1-\(String(Int(now - 30), radix: 16))-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24).lowercased())"
        let segment = #"{"name":"checkout","id":"a000000000000001","trace_id":"\#(id)","start_time":\#(now - 30),"end_time":\#(now - 29.5)}"#
        #expect(try await XRayClient(client).putTraceSegments([segment]).isEmpty)
        let telemetry = TelemetryClient.aws(
            client: client, inventory: { [WatchedService(cluster: "web", name: "checkout", region: "ap-south-1", logGroups: [], targets: [])] })

        let first = try await telemetry.traces(nil)
        #expect(first.map(\.id.xray).contains(id))
        // From a time before it, the trace still comes back: from memory.
        #expect(try await telemetry.traces(Date(timeIntervalSince1970: now - 60)).map(\.id.xray).contains(id))
        // The console asks again from the newest trace's start, every refresh.
        for _ in 0..<3 { _ = try await telemetry.traces(first.last?.start) }
        let fetches = try await bodies(proxy).filter { $0.contains("TraceIds") && $0.contains(id) }
        #expect(fetches.count == 1, "BatchGetTraces for \(id): \(fetches.count)")
    }

    @Test func listenersAreReadAgainOnlyAfterACommandOrHalfAMinute() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let proxy = FaultProxy()
        let client = try await motoClient(region: "eu-west-3", endpoint: try await proxy.endpoint())
        let plane = AWSControlPlane(client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]))
        func listenerReads() async throws -> Int { try await bodies(proxy).filter { $0.contains("Action=DescribeListeners") }.count }

        for _ in 0..<3 { #expect(try await plane.rollouts().first?.traffic == TrafficSplit(canary: 10)) }
        #expect(try await listenerReads() == 1)
        let pause = OperatorCommand(kind: .pause, rolloutID: fixture.rolloutID, service: fixture.service, reason: nil, actor: "operator:ana", idempotencyKey: "p")
        _ = try await plane.perform(pause)
        _ = try await plane.rollouts()
        #expect(try await listenerReads() == 2, "a command makes the next read see the listeners afresh")
    }

    @Test func servicesAreListedOnceAMinuteAndDescribedEveryRefresh() async throws {
        let fixture = try await RolloutFixture.canaryUnderWay(region: "eu-west-3")
        let proxy = FaultProxy()
        let client = try await motoClient(region: "eu-west-3", endpoint: try await proxy.endpoint())
        let plane = AWSControlPlane(client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]))
        for _ in 0..<3 { _ = try await plane.rollouts() }
        let calls = try await targets(proxy)
        #expect(calls.filter { $0.hasSuffix(".ListServices") }.count == 1)
        #expect(calls.filter { $0.hasSuffix(".DescribeServices") }.count == 3)
    }

    /// A deployment ECS runs is described on every refresh, its service's deployments listed
    /// again only for a new task definition, after it ended, or once a minute; an ended one is
    /// not described again, and its revisions are described once.
    @Test func aDeploymentECSRunsIsDescribedEachRefreshAndListedOnlyWhenItMayHaveChanged() async throws {
        let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", finalBake: 0)
        let proxy = FaultProxy()
        let client = try await motoClient(region: "eu-west-2", endpoint: try await proxy.endpoint())
        let plane = AWSControlPlane(client: client, inventory: ServiceInventory(client: client, clusters: [fixture.cluster]))
        func count(_ operation: String) async throws -> Int { try await targets(proxy).filter { $0.hasSuffix("." + operation) }.count }

        for _ in 0..<3 { #expect(try await plane.rollouts().isEmpty) }
        // Listed once (none under way, then the recent ones), and the newest described: the
        // service's first deployment, which shifted nothing and is no rollout.
        #expect(try await count("ListServiceDeployments") == 2)
        #expect(try await count("DescribeServiceDeployments") == 1)
        try await fixture.deploy()
        for _ in 0..<3 { #expect(try await plane.rollouts().first?.phase == .provisioning) }
        #expect(try await count("ListServiceDeployments") == 3, "the new task definition is a new deployment: listed again, once")
        #expect(try await count("DescribeServiceDeployments") == 4)
        #expect(try await count("DescribeServiceRevisions") == 1)
        try await fixture.advance(60 * 60)
        for _ in 0..<3 { #expect(try await plane.rollouts().first?.phase == .succeeded) }
        #expect(try await count("DescribeServiceDeployments") == 5, "an ended deployment is not described again")
    }
}
