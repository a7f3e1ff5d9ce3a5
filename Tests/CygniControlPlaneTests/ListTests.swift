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

    /// Lists are served from a snapshot of the world, but a command's effect is in the very
    /// next read: its answer is sent only after the change is logged, which retires the snapshot.
    @Test func aCommandShowsInTheNextReadAtOnce() async throws {
        let server = try await TestServer.start(speed: 1)
        let viewer = try await server.token(.viewer)
        let deployer = try await server.token(.deployer)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        func phase() async throws -> (listed: String?, single: String?) {
            let list = try await server.send("GET", "/v1/rollouts?active=true", token: viewer)
            let listed = (list.json?["rollouts"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["phase"] as? String
            return (listed, try await server.rollout(id)["phase"] as? String)
        }
        for (index, action) in ["pause", "resume", "pause"].enumerated() {
            _ = try await phase()  // the snapshot is warm
            let reply = try await server.command(id, #"{"action":"\#(action)"}"#, key: "l\(index)", token: deployer)
            #expect(reply.status == 200, "\(reply.text)")
            let now = try await phase()
            let paused = action == "pause"
            #expect((now.listed == "paused") == paused, "after \(action): \(now)")
            #expect((now.single == "paused") == paused, "after \(action): \(now)")
        }
        try await server.stop()
    }

    /// A client that takes gzip gets the page gzipped (libcurl, as cx uses it, asks and decodes);
    /// one that does not, or refuses it with q=0, gets the same JSON as it is.
    @Test func pagesAreGzippedForClientsThatTakeIt() async throws {
        let server = try await TestServer.start(speed: 1)
        let viewer = try await server.token(.viewer)
        var ids: [[String]] = []
        for (acceptEncoding, gzipped) in [(nil, true), ("identity", false), ("gzip;q=0, identity", false), ("br, GZIP;q=0.5", true)] {
            let headers = acceptEncoding.map { [("Accept-Encoding", $0)] } ?? []
            let reply = try await server.send("GET", "/v1/rollouts", token: viewer, headers: headers)
            #expect(reply.status == 200, "\(reply.text)")
            #expect((reply.headers["content-encoding"] == "gzip") == gzipped, "\(acceptEncoding ?? "libcurl's"): \(reply.headers)")
            #expect(reply.headers["vary"] == "Accept-Encoding")
            ids.append(try #require(reply.json?["rollouts"] as? [[String: Any]]).compactMap { $0["id"] as? String })
        }
        #expect(ids.allSatisfy { $0 == ids[0] && $0.count == 3 }, "\(ids)")
        try await server.stop()
    }
}
