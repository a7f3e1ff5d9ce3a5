import Foundation
import Testing

/// `GET /v1/rollouts` pages with `limit` and `cursor`, filters with `active`, and refuses bad values.
@Suite struct ListTests {
    @Test func pagesCoverEveryRolloutOnceAndBadParametersAre400() async throws {
        let server = try await TestServer.start(speed: 1)
        let token = try await server.token(.viewer)
        let everything = try await server.send("GET", "/v1/rollouts", token: token)
        let all = try #require(everything.json?["rollouts"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(all.count == 3, "the sandbox has its rollout and two finished ones: \(all)")

        var seen: [String] = []
        var cursor: String?
        repeat {
            let path = "/v1/rollouts?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await server.send("GET", path, token: token)
            #expect(page.status == 200, "\(page.text)")
            let ids = try #require(page.json?["rollouts"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids.count == 1)
            seen += ids
            cursor = page.json?["nextCursor"] as? String
        } while cursor != nil && seen.count < 10
        #expect(seen == all)

        let active = try await server.send("GET", "/v1/rollouts?active=true", token: token)
        let activeRollouts = try #require(active.json?["rollouts"] as? [[String: Any]])
        #expect(activeRollouts.count == 1)
        let first = try #require(activeRollouts.first)
        // The fields of `cx status --json`, plus id, plan and events.
        for key in ["service", "environment", "region", "strategy", "phase", "fromVersion", "toVersion", "traffic", "step", "verdict", "reason", "id", "plan", "events"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }

        for (query, mentions) in [("limit=0", "limit"), ("limit=abc", "limit"), ("limit=1000", "limit"), ("cursor=zzz", "cursor"), ("active=maybe", "active")] {
            let reply = try await server.send("GET", "/v1/rollouts?\(query)", token: token)
            #expect(reply.status == 400, "\(query): \(reply.text)")
            #expect(reply.errorMessage?.hasPrefix(mentions) == true, "\(query): \(reply.text)")
        }
        let openAPI = try await server.send("GET", "/v1/openapi.yaml")
        #expect(openAPI.status == 200)
        #expect(openAPI.text.hasPrefix("openapi: 3.1"))
        // The document describes every route the server answers.
        let routes = ["/healthz", "/readyz", "/metrics", "/v1/openapi.yaml", "/v1/rollouts", "/v1/rollouts/{id}",
                      "/v1/rollouts/{id}/commands", "/v1/audit", "/v1/events"]
        for route in routes { #expect(openAPI.text.contains("\n  \(route):\n"), "the OpenAPI document lacks \(route)") }
        let metrics = try await server.send("GET", "/metrics")
        #expect(metrics.text.contains("cygnid_http_requests_total"))
        try await server.stop()
    }
}
