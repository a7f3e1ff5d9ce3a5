import CygniControlPlane
import Foundation
import Testing

@testable import CygniAWS

/// `cygnid serve --aws` on moto, behind a fault proxy of this test's own: `GET /v1/usage` counts
/// what cygnid itself has asked AWS for, request for request as the proxy saw them arrive.
struct UsageThroughCygnidTests {
    @Test func cygnidCountsWhatItAsksAWS() async throws {
        let region = "me-south-1"
        _ = try await EngineServiceFixture.make(region: region)
        let proxy = FaultProxy()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-usage-\(UUID().uuidString)").path
        let cygnid = try await CygnidOnAWS(
            region: region, endpoint: try await proxy.endpoint(), store: "sqlite:\(temporary).sqlite", secretPath: temporary + ".secret",
            replica: "usage")
        for path in ["/v1/slo", "/v1/traces", "/v1/logs"] { #expect(try await cygnid.send("GET", path).status == 200) }

        // cygnid keeps asking (health reads): what the proxy saw before the count is at most it,
        // and what it saw after is at least it, API by API.
        let before = try await proxy.requestsByAPI()
        let reply = try await cygnid.send("GET", "/v1/usage")
        let after = try await proxy.requestsByAPI()
        #expect(reply.status == 200, "\(reply.json)\n\(cygnid.output)")
        let usage = try #require(reply.json["usage"] as? [String: Any], "\(reply.json)")
        #expect(usage["asker"] as? String == "controlPlane")
        let counted = Dictionary(
            uniqueKeysWithValues: (usage["requests"] as? [[String: Any]] ?? []).compactMap { entry -> (String, Int)? in
                guard let api = entry["api"] as? String, let count = entry["count"] as? Int else { return nil }
                return (api, count)
            })
        #expect(!counted.isEmpty && counted.keys.contains { $0.hasPrefix("ecs:") }, "\(counted)")
        for api in Set(before.keys).union(after.keys).union(counted.keys) {
            let count = counted[api] ?? 0
            #expect((before[api] ?? 0) <= count && count <= (after[api] ?? 0), "\(api): proxy saw \(before[api] ?? 0) then \(after[api] ?? 0), cygnid counted \(count)")
        }
        #expect((usage["note"] as? String)?.contains("estimate") == true)
        #expect(await cygnid.terminate() == 0)
    }
}
