import Foundation

extension TestServer {
    /// The sandbox's rollout in progress (canary-pass: checkout), by a viewer's eyes.
    func activeRollout() async throws -> [String: Any] {
        let reply = try await send("GET", "/v1/rollouts?active=true", token: try await token(.viewer))
        guard reply.status == 200, let first = (reply.json?["rollouts"] as? [[String: Any]])?.first else {
            throw TestFailure("no active rollout: \(reply.status) \(reply.text)")
        }
        return first
    }

    func rollout(_ id: String) async throws -> [String: Any] {
        let reply = try await send("GET", "/v1/rollouts/\(id)", token: try await token(.viewer))
        guard reply.status == 200, let json = reply.json else { throw TestFailure("GET rollout \(id): \(reply.status) \(reply.text)") }
        return json
    }

    func command(_ id: String, _ body: String, key: String, token: String) async throws -> Reply {
        try await send("POST", "/v1/rollouts/\(id)/commands", token: token, headers: [("Idempotency-Key", key)], body: body)
    }

    /// Every audit entry, read as an admin (with `token`, when the server's admins hold another kind).
    func auditEntries(token: String? = nil) async throws -> [[String: Any]] {
        var admin = token
        if admin == nil { admin = try await self.token(.admin, subject: "auditor") }
        let reply = try await send("GET", "/v1/audit?limit=200", token: admin)
        guard reply.status == 200, let entries = reply.json?["entries"] as? [[String: Any]] else {
            throw TestFailure("GET /v1/audit: \(reply.status) \(reply.text)")
        }
        return entries
    }
}
