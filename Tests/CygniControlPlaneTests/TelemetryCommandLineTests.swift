import CygniHarness
import Foundation
import Testing

/// cx's telemetry commands and the console's panes through a real `cygnid serve --sandbox`:
/// what they print is what cygnid's sandbox holds, read through its telemetry routes.
@Suite(.serialized) struct TelemetryCommandLineTests {
    init() throws {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first or set CYGNID_BINARY")
    }

    private func json(_ output: String) throws -> [String: Any] {
        let start = try #require(output.firstIndex(of: "{"), "no JSON in:\n\(output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as? [String: Any], "\(output)")
    }

    @Test func tracesLogsSLOsCostAndDoctorAnswerFromCygnidsSandbox() async throws {
        // Slow enough that the traces cx lists are still among the recent ones read after it.
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "5"])
        let viewer = try await session.token("viewer", subject: "vic")
        var listed: [[String: Any]] = []
        #expect(await eventually(within: 30) {
            let run = await session.cx(["traces", "--json", "--since", "15m", "--limit", "200"], token: viewer)
            listed = ((try? json(run.output))?["traces"] as? [[String: Any]]) ?? []
            return run.status == 0 && !listed.isEmpty
        }, "cx traces listed nothing through cygnid")
        let held = try #require(try await session.cygnid.send("GET", "/v1/traces", token: viewer).json?["traces"] as? [[String: Any]])
        let byID = Dictionary(held.compactMap { trace in (trace["id"] as? String).map { ($0, trace) } }) { first, _ in first }
        for overview in listed {
            let id = try #require(overview["id"] as? String)
            let trace = try #require(byID[id], "cx listed \(id), which cygnid does not hold")
            #expect(overview["rootService"] as? String == trace["service"] as? String)
            #expect(overview["durationMilliseconds"] as? Double == trace["durationMilliseconds"] as? Double)
            #expect(overview["fault"] as? Bool == (trace["status"] as? String == "fault"))
        }

        let id = try #require(listed.first?["id"] as? String)
        let logs = await session.cx(["logs", "--trace", id, "--json"], token: viewer)
        #expect(logs.status == 0, "\(logs.output)")
        let lines = try #require(try json(logs.output)["events"] as? [[String: Any]], "\(logs.output)")
        let served = try #require(try await session.cygnid.send("GET", "/v1/logs?trace=\(id)", token: viewer).json?["events"] as? [[String: Any]])
        #expect(lines.map { $0["message"] as? String } == served.map { $0["message"] as? String }, "cx logs --trace prints cygnid's lines")

        let slo = await session.cx(["slo", "--json"], token: viewer)
        #expect(slo.status == 0, "\(slo.output)")
        let names = (try json(slo.output)["slos"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let servedNames = (try await session.cygnid.send("GET", "/v1/slo", token: viewer).json?["slos"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(!names.isEmpty && Set(names) == Set(servedNames), "\(names) vs \(servedNames)")

        let cost = await session.cx(["cost", "--json", "--days", "7"], token: viewer)
        #expect(cost.status == 0, "\(cost.output)")
        #expect(try json(cost.output)["total"] is Double, "\(cost.output)")
        let usage = try json(cost.output)["awsUsage"] as? [String: Any]
        #expect(usage?["asker"] as? String == "sandbox" && usage?["asksAWS"] as? Bool == false, "cygnid's sandbox asks AWS nothing: \(cost.output)")

        let doctor = await session.cx(["doctor"], token: viewer)
        #expect(doctor.output.contains("cygnid source") && doctor.output.contains("cygnid world"), "cygnid's own checks of its sandbox:\n\(doctor.output)")
    }

    @Test func theConsolesTelemetryPanesFillFromCygnid() async throws {
        let session = try await ControlPlaneSession(serve: ["--sandbox", "--scenario", "canary-pass", "--speed", "20"])
        let viewer = try await session.token("viewer", subject: "vic")
        var frame = ""
        #expect(await eventually(within: 30) {
            let run = await session.cx(["snapshot", "--width", "160", "--height", "48"], token: viewer)
            frame = run.output
            return run.status == 0 && frame.contains("checkout availability") && frame.contains("POST /checkout")
        }, "no SLOs or traces in the frame:\n\(frame)")
        #expect(!frame.contains("does not serve"), "every pane is served now:\n\(frame)")
        #expect(frame.contains("Cost · $") && frame.contains("INFO "), "the Cost and Logs panes are filled too:\n\(frame)")
    }
}
