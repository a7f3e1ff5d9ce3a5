import Foundation
import Testing

@testable import CygniControlPlane

/// What the API refuses before it does any work, each with a JSON error naming the part at
/// fault: bodies over the limit (413), list parameters out of bounds or unknown, cursors it did
/// not give out, `Last-Event-ID`s it never sent, and event streams past the server's bound.
@Suite struct RequestLimitTests {
    @Test func listsRefuseUnknownParametersBadLimitsAndForeignCursors() async throws {
        let server = try await TestServer.start(speed: 1)
        let admin = try await server.token(.admin)
        let cases: [(path: String, mentions: String)] = [
            ("/v1/rollouts?activ=true", #"unknown query parameter "activ"; allowed: active, limit, cursor"#),
            ("/v1/rollouts?limit=201", "limit must be an integer from 1 to 200"),
            ("/v1/rollouts?cursor=", "cursor is not one this server gave out"),
            ("/v1/audit?active=true", #"unknown query parameter "active"; allowed: limit, cursor"#),
            ("/v1/audit?limit=-1", "limit must be an integer from 1 to 200"),
            ("/v1/audit?limit=1.5", "limit must be an integer from 1 to 200"),
            // A cursor of the right form for the other list is still not this list's.
            ("/v1/audit?cursor=\(Self.cursor("1795683600000:rl-1"))", "cursor is not one this server gave out"),
            ("/v1/audit?cursor=\(Self.cursor("99999999999999999999"))", "cursor is not one this server gave out"),
            ("/v1/rollouts?cursor=\(Self.cursor("7"))", "cursor is not one this server gave out"),
        ]
        for (path, mentions) in cases {
            let reply = try await server.send("GET", path, token: admin)
            #expect(reply.status == 400, "\(path): \(reply.text)")
            #expect(reply.headers["content-type"] == "application/json", "\(path)")
            #expect(reply.errorCode == "bad_request", "\(path): \(reply.text)")
            #expect(reply.errorMessage?.contains(mentions) == true, "\(path): wanted \(mentions), got \(reply.text)")
        }

        // The audit chain pages like the rollouts: every entry once, in order, across pages.
        for index in 0..<5 { _ = try await server.send("GET", "/v1/audit", token: try await server.token(.viewer, subject: "v\(index)")) }
        var seqs: [Int] = []
        var cursor: String?
        repeat {
            let page = try await server.send("GET", "/v1/audit?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
            #expect(page.status == 200, "\(page.text)")
            let entries = try #require(page.json?["entries"] as? [[String: Any]])
            #expect(entries.count <= 2)
            seqs += entries.compactMap { $0["seq"] as? Int }
            cursor = page.json?["nextCursor"] as? String
        } while cursor != nil && seqs.count < 100
        #expect(seqs.count >= 5)
        #expect(seqs == Array(1...seqs.count), "\(seqs)")
        try await server.stop()
    }

    @Test func bodiesOverTheLimitAre413AndDeepNestingIs400() async throws {
        let server = try await TestServer.start(speed: 1)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let admin = try await server.token(.admin)
        let oversized = #"{"service": "a/b", "image": "x", "reason": "\#(String(repeating: "x", count: 17_000))"}"#
        let deploy = try await server.send("POST", "/v1/rollouts", token: admin, headers: [("Idempotency-Key", "big-1")], body: oversized)
        #expect(deploy.status == 413, "\(deploy.text)")
        #expect(deploy.errorCode == "too_large")
        #expect(deploy.errorMessage == "request body is larger than 16384 bytes")
        // Nesting deep enough to overflow a recursive parser's stack is refused as not JSON.
        let deep = String(repeating: "[", count: 8_000) + String(repeating: "]", count: 8_000)
        let nested = try await server.command(id, deep, key: "deep-1", token: admin)
        #expect(nested.status == 400, "\(nested.text.prefix(200))")
        #expect(nested.errorMessage?.hasPrefix("request body is not JSON") == true)
        let still = try await server.send("GET", "/healthz")
        #expect(still.status == 200, "the server survived")
        try await server.stop()
    }

    @Test func aLastEventIDNeverSentIsRefused() async throws {
        let server = try await TestServer.start(speed: 1)
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let viewer = try await server.token(.viewer)
        _ = try await server.command(id, #"{"action":"pause"}"#, key: "s1", token: try await server.token(.deployer))
        let latest = try #require(
            try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: 0) { !$0.events.isEmpty }.events.last?.id)

        let ahead = try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: latest + 1_000, seconds: 2) {
            $0.status != 0 && $0.raw.contains("}")
        }
        #expect(ahead.status == 400, "\(ahead.raw)")
        // The newest may have moved on meanwhile (the world watcher logs too): not by a thousand.
        #expect(ahead.raw.contains("Last-Event-ID \(latest + 1_000) is after the newest event ("), "\(ahead.raw)")
        try await server.stop()
    }

    @Test func eventStreamsPastTheServersBoundAre503() async throws {
        // No stream before this one: a stream whose client hung up holds its place until the
        // next keep-alive finds the connection gone.
        // A stream stuck on a client that hung up (seen holding its place for a minute under a
        // loaded full run) is ended after 2 s of taking nothing.
        let server = try await TestServer.start(speed: 1, keepAlive: .milliseconds(200), maximumEventStreams: 2, eventStreamStuckAfter: .seconds(2))
        let viewer = try await server.token(.viewer)
        // Three at once on a server that holds two: one is told to come back later. Each holds on
        // until all three have their answer, however slowly a loaded machine brings them.
        let answered = Answered()
        let readings = try await withThrowingTaskGroup(of: EventStreamClient.Reading.self) { group in
            for reader in 0..<3 {
                group.addTask {
                    try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: nil, seconds: 60) { reading in
                        if reading.status != 0 { answered.record(reader) }
                        return answered.count == 3 && (reading.status != 503 || reading.raw.contains("}"))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(readings.map(\.status).sorted() == [200, 200, 503], "\(readings.map(\.status))")
        #expect(readings.contains { $0.raw.contains("already serves 2 event streams") })
        // Once those hang up, their places are free again.
        // An attempt is given long enough to be answered on a loaded machine: one that hangs up
        // before its answer would hold a place itself until the next keep-alive.
        var attempts: [String] = []
        let reopened = await eventually(within: 60) {
            let reading = try? await EventStreamClient.read(port: server.port, token: viewer, lastEventID: nil, seconds: 10) { $0.status != 0 }
            attempts.append(reading.map { "\($0.status)" } ?? "no answer")
            return reading?.status == 200
        }
        let held = await server.server.events.subscriberCount
        #expect(reopened, "attempts answered: \(attempts.suffix(20)); streams held: \(held)")
        try await server.stop()
    }

    /// Which readers have had their response's status line.
    private final class Answered: @unchecked Sendable {
        private let lock = NSLock()
        private var readers: Set<Int> = []
        func record(_ reader: Int) { _ = lock.withLock { readers.insert(reader) } }
        var count: Int { lock.withLock { readers.count } }
    }

    /// A cursor as the server writes them, around contents of our choosing.
    private static func cursor(_ position: String) -> String {
        Tokens.base64URL("cygni1:" + position)
    }
}
