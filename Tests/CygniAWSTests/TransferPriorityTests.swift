import Foundation
import Testing

@testable import CygniAWS

/// Urgent exchanges (the writes that move traffic) have connections of their own: with every
/// routine connection to a host held by slow answers, an urgent one is answered at once, while
/// a routine one waits for a connection.
@Suite struct TransferPriorityTests {
    private actor Finishes {
        var order: [String] = []
        func add(_ name: String) { order.append(name) }
    }

    @Test func anUrgentExchangeDoesNotWaitForARoutineConnection() async throws {
        let proxy = FaultProxy()
        let endpoint = try await proxy.endpoint()
        // The routine pool's eight connections to the proxy, each held 6 s by a slow answer: an
        // urgent exchange that waited for one of them would take 5.5 s at least.
        try await proxy.queue(Array(repeating: "slow:6 when held", count: 8))
        let finishes = Finishes()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    _ = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: endpoint + "/moto-api/?held=\(index)"), .default)
                    await finishes.add("held")
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            group.addTask {
                _ = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: endpoint + "/moto-api/?routine"), .default)
                await finishes.add("routine")
            }
            let sent = ContinuousClock.now
            let urgent = try await HTTPTransport.curl.send(
                HTTPRequest(method: "GET", url: endpoint + "/moto-api/?urgent"), TransferOptions(priority: .urgent))
            let took = ContinuousClock.now - sent
            await finishes.add("urgent")
            #expect(urgent.status == 200)
            #expect(took < .seconds(4), "the urgent exchange took \(took)")
            try await group.waitForAll()
        }
        let order = await finishes.order
        #expect(order.first == "urgent", "\(order)")
        #expect(order.count == 10)
    }
}
