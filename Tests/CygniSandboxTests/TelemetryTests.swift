import CygniModel
import Foundation
import Testing

@testable import CygniSandbox

@Suite("Traces and logs")
struct TelemetryTests {
    @Test("trace ids are valid X-Ray and W3C ids whose first 8 hex digits are the start's epoch seconds")
    func traceIDs() async throws {
        let world = makeWorld(.canaryFail)
        await world.advance(to: 120)
        let traces = await world.traces(since: nil)
        #expect(traces.count > 100)
        for trace in traces.prefix(300) {
            #expect(TraceID(trace.id.xray) == trace.id)
            #expect(TraceID(trace.id.w3c) == trace.id)
            #expect(TraceID("00-\(trace.id.w3c)-\(trace.spans[0].id.hex)-01") == trace.id)
            let epoch = UInt64(trace.id.hex.prefix(8), radix: 16)
            #expect(epoch == UInt64(trace.start.timeIntervalSince1970))
            #expect(Set(trace.spans.map(\.id)).count == trace.spans.count)
            #expect(trace.spans[0].parent == nil)
            #expect(trace.spans.dropFirst().allSatisfy { span in trace.spans.contains { $0.id == span.parent } })
        }
        #expect(zip(traces, traces.dropFirst()).allSatisfy { $0.start <= $1.start })
    }

    @Test("logs carry the ids of traces that exist, and come in time order")
    func logsPointAtTraces() async throws {
        let world = makeWorld(.canaryPass, seed: 13)
        await world.advance(to: 90)
        let traces = await world.traces(since: nil)
        let known = Set(traces.map(\.id))
        let logs = await world.logs(since: nil)
        let traced = logs.filter { $0.traceID != nil }
        #expect(!traced.isEmpty)
        #expect(traced.allSatisfy { known.contains($0.traceID!) })
        #expect(zip(logs, logs.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        #expect(logs.allSatisfy { $0.timestamp <= SandboxConfiguration.defaultStart.addingTimeInterval(90) })

        let trace = try #require(traces.last { $0.status == .ok })
        let lines = await world.logsForTrace(trace.id, span: nil)
        #expect(!lines.isEmpty)
        let rootLines = await world.logsForTrace(trace.id, span: trace.spans[0].id)
        #expect(!rootLines.isEmpty && rootLines.allSatisfy { $0.spanID == trace.spans[0].id })

        let since = SandboxConfiguration.defaultStart.addingTimeInterval(80)
        #expect(await world.logs(since: since).allSatisfy { $0.timestamp > since })
        #expect(await world.traces(since: since).allSatisfy { $0.start > since })
    }

    @Test("the failing version produces faults, error logs and, now and then, hostile escape sequences")
    func failingVersion() async {
        let world = makeWorld(.canaryFail, seed: 21)
        await world.advance(to: 300)
        let faults = await world.traces(since: nil).filter { $0.version == "v1.42.0" && $0.status == .fault }
        #expect(!faults.isEmpty)
        let logs = await world.logs(since: SandboxConfiguration.defaultStart)
        #expect(logs.contains { $0.level == .error && $0.service == "checkout" })
        #expect(logs.contains { $0.message.contains("\u{1B}[31m") })
        #expect(logs.contains { $0.message.contains("\u{1B}]52;") })
    }

    @Test("every failing version writes hostile lines now and then; healthy worlds never do",
          arguments: [(Scenario.sloBurn, true), (.outOfMemory, true), (.steady, false), (.canaryPass, false)])
    func hostileLines(scenario: Scenario, hostile: Bool) async {
        let world = makeWorld(scenario, seed: 5)
        await world.advance(to: scenario == .sloBurn ? 600 : 240)
        let logs = await world.logs(since: SandboxConfiguration.defaultStart)
        let escapes = logs.filter { $0.message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B } }
        #expect(escapes.isEmpty != hostile)
    }

    @Test("payments writes pino JSON, search zap JSON, gateway logfmt; they are read into level, message and fields")
    func structuredServices() async throws {
        let world = makeWorld(.canaryFail, seed: 21)
        await world.advance(to: 300)
        let logs = await world.logs(since: SandboxConfiguration.defaultStart)
        for service in ["payments", "search", "gateway"] {
            let lines = logs.filter { $0.service == service }
            #expect(!lines.isEmpty, "\(service) wrote nothing")
            #expect(lines.allSatisfy { $0.fields?["version"] != nil && $0.level != nil }, "\(service) lines not read as structured")
            #expect(lines.allSatisfy { !$0.message.hasPrefix("{") && !$0.message.contains("level=") })
        }
        #expect(logs.filter { $0.service == "catalog" }.allSatisfy { $0.fields == nil })
        let pino = try #require(logs.first { $0.service == "payments" && $0.fields?["operation"] != nil })
        #expect(pino.fields?["pid"] == "1" && pino.fields?["hostname"]?.hasPrefix("ip-10-0-") == true)
        #expect(pino.traceID != nil && pino.fields?["traceId"] == nil)
        if let failed = logs.first(where: { $0.service == "search" && $0.level == .error }) {
            #expect(failed.message.hasPrefix("request failed: "))
            #expect(failed.fields?["stacktrace"]?.contains("\n") == true)
        }
        // The same seed writes the same lines.
        let again = makeWorld(.canaryFail, seed: 21)
        await again.advance(to: 300)
        #expect(await again.logs(since: SandboxConfiguration.defaultStart) == logs)
    }

    @Test("task events record starts of the new fleet")
    func taskEvents() async {
        let world = makeWorld(.blueGreen)
        await world.advance(to: 60)
        let started = await world.taskEvents().filter { $0.kind == .started && $0.version == "v1.42.0" }
        #expect(started.count == 6)
        #expect(started.allSatisfy { $0.taskID.count == 32 })
    }
}
