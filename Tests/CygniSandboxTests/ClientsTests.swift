import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Sandbox clients")
struct ClientsTests {
    @Test("a fixed time source brings the world to its time before answering")
    func fixed() async throws {
        let world = makeWorld(.canaryFail)
        let clients = Clients.sandbox(world: world, time: .fixed(seconds: 300), label: "sandbox seed 42 canary-fail")
        #expect(clients.source.kind == .sandbox)
        #expect(clients.source.label == "sandbox seed 42 canary-fail")
        let rollouts = try await clients.controlPlane.rollouts()
        #expect(await world.now == SandboxConfiguration.defaultStart.addingTimeInterval(300))
        #expect(await clients.clock.now() == SandboxConfiguration.defaultStart.addingTimeInterval(300))
        #expect(rollouts == (await world.rollouts()))
        #expect(!(try await clients.telemetry.slos()).isEmpty)
        #expect(!(try await clients.telemetry.traces(nil)).isEmpty)
        #expect(!(try await clients.cost.report()).services.isEmpty)

        let star = try #require(rollouts.first)
        let outcome = try await clients.controlPlane.performOnce(command(.rollback, star, key: "c1"))
        #expect(outcome.accepted)
    }

    @Test("a real-time source runs virtual time at its speed")
    func realTime() {
        let clock = ContinuousClock()
        let started = clock.now
        let source = SandboxTimeSource.realTime(speed: 60, startedAt: started)
        #expect(abs(source.targetSeconds(at: started.advanced(by: .seconds(2))) - 120) < 1e-9)
        #expect(source.targetSeconds(at: started) == 0)
        #expect(SandboxTimeSource.fixed(seconds: 42).targetSeconds() == 42)
    }
}
