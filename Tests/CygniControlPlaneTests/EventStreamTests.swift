import Foundation
import Testing

/// `/v1/events` over a real socket: ids on every event, a reconnect with `Last-Event-ID` gets
/// exactly what it missed, and an idle stream hears keep-alives.
@Suite struct EventStreamTests {
    @Test func reconnectingWithLastEventIDMissesNothing() async throws {
        let server = try await TestServer.start(speed: 1, keepAlive: .milliseconds(200))
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let viewer = try await server.token(.viewer)
        let deployer = try await server.token(.deployer, subject: "dan")

        _ = try await server.command(id, #"{"action":"pause"}"#, key: "e1", token: deployer)
        let first = try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: 0) { reading in
            reading.events.contains { $0.type == "command" }
        }
        #expect(first.status == 200)
        let seen = try #require(first.events.last?.id)

        // While nobody listens: three more commands, so three more events at least.
        for (index, action) in ["resume", "pause", "resume"].enumerated() {
            let reply = try await server.command(id, #"{"action":"\#(action)"}"#, key: "e\(index + 2)", token: deployer)
            #expect(reply.status == 200, "\(reply.text)")
        }
        let resumed = try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: seen) { reading in
            reading.events.filter { $0.type == "command" }.count >= 3
        }
        let ids = resumed.events.map(\.id)
        #expect(ids.first == seen + 1, "resumed at \(ids.first ?? -1), not after \(seen)")
        #expect(ids == Array((seen + 1)...(seen + Int64(ids.count))), "a gap in \(ids)")
        let actions = resumed.events.filter { $0.type == "command" }.compactMap { event -> String? in
            let json = try? JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any]
            return json?["action"] as? String
        }
        #expect(actions == ["resume", "pause", "resume"])

        let idle = try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: nil, seconds: 3) { $0.comments.contains("keep-alive") }
        #expect(idle.comments.contains("keep-alive"), "no keep-alive in \(idle.raw.suffix(200))")

        let bad = try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: -4, seconds: 2) { $0.status != 0 && $0.raw.contains("}") }
        #expect(bad.status == 400)
        try await server.stop()
    }

    /// Twenty streams resuming from one id while commands are answered: each gets the same
    /// events, every one once and in order, whether it came from the store (logged before the
    /// stream subscribed) or from the batch the hub read once for all of them.
    @Test func everyStreamGetsEveryEventOnceInOrder() async throws {
        let server = try await TestServer.start(speed: 1, keepAlive: .milliseconds(200))
        let id = try #require(try await server.activeRollout()["id"] as? String)
        let viewer = try await server.token(.viewer)
        let deployer = try await server.token(.deployer, subject: "dan")
        _ = try await server.command(id, #"{"action":"pause"}"#, key: "f0", token: deployer)
        let start = try #require(
            try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: 0) { reading in
                reading.events.contains { $0.type == "command" }
            }.events.last?.id)

        let commands = ["resume", "pause", "resume", "pause"]
        let readings = try await withThrowingTaskGroup(of: EventStreamClient.Reading.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await EventStreamClient.read(port: server.port, token: viewer, lastEventID: start, seconds: 15) { reading in
                        reading.events.filter { $0.type == "command" }.count >= commands.count
                    }
                }
            }
            for (index, action) in commands.enumerated() {
                let reply = try await server.command(id, #"{"action":"\#(action)"}"#, key: "f\(index + 1)", token: deployer)
                #expect(reply.status == 200, "\(reply.text)")
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Up to the last command's event, every stream saw the same ids, with no gap.
        let lastCommand = readings.compactMap { $0.events.last { $0.type == "command" }?.id }.min() ?? 0
        let expected = Array((start + 1)...max(start + 1, lastCommand))
        for reading in readings {
            let ids = reading.events.map(\.id).filter { $0 <= lastCommand }
            #expect(ids == expected, "a stream saw \(ids), not \(expected)")
        }
        #expect(readings.allSatisfy { $0.events.filter { $0.type == "command" }.count == commands.count })
        try await server.stop()
    }
}
