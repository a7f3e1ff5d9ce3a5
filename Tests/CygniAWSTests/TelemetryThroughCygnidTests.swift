import CygniClients
import CygniControlPlane
import CygniControlPlaneSource
import Foundation
import Testing

@testable import CygniAWS

/// The real `cygnid serve --aws` on moto, behind the fault proxy's request log: the telemetry
/// panes of one console or of five at once cost AWS the same requests, because cygnid reads each
/// source once for every console.
@Suite(.serialized) struct TelemetryThroughCygnidTests {
    /// A proxy of this suite's own, so no other suite's requests are counted.
    static let proxy = FaultProxy()
    /// The APIs the telemetry reads call (ECS for the services watched, CloudWatch, X-Ray, Logs).
    static let telemetryServices: Set<String> = ["ecs", "monitoring", "xray", "logs"]

    /// The telemetry requests AWS saw while `readers` consoles each read the panes' routes once, together.
    private func requests(readers: Int, region: String, endpoint: String) async throws -> [String] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-telemetry-\(UUID().uuidString)").path
        let cygnid = try await CygnidOnAWS(
            region: region, endpoint: endpoint, store: "sqlite:\(temporary).sqlite", secretPath: temporary + ".secret", replica: "telemetry-\(readers)")
        // Whatever cygnid asks AWS as it starts is not the panes' doing.
        try await Task.sleep(for: .seconds(1))
        try await Self.proxy.reset()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<readers {
                for path in ["/v1/slo", "/v1/traces", "/v1/logs"] {
                    group.addTask { try await cygnid.send("GET", path).status }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)\n\(cygnid.output)")
        let seen = try await Self.proxy.requests().compactMap { request -> String? in
            guard let scope = request["scope"]?.string, let service = scope.split(separator: "/").last.map(String.init),
                Self.telemetryServices.contains(service)
            else { return nil }
            return "\(service) \(request["target"]?.string ?? "")"
        }
        #expect(await cygnid.terminate() == 0)
        return seen.sorted()
    }

    @Test func fiveConsolesCostAWSWhatOneDoes() async throws {
        let region = "ap-east-1"
        _ = try await EngineServiceFixture.make(region: region)
        let endpoint = try await Self.proxy.endpoint()
        let one = try await requests(readers: 1, region: region, endpoint: endpoint)
        // The services watched, their SLOs' ALB counts, X-Ray and the service's log group, each read.
        for service in Self.telemetryServices {
            #expect(one.contains { $0.hasPrefix("\(service) ") }, "no \(service) request for the panes: \(one)")
        }
        let two = try await requests(readers: 2, region: region, endpoint: endpoint)
        let five = try await requests(readers: 5, region: region, endpoint: endpoint)
        #expect(two == one, "two readers: \(two.count) requests, one reader: \(one.count)")
        #expect(five == one, "five readers: \(five.count) requests, one reader: \(one.count)")
    }

    /// X-Ray throttling cygnid's reads reaches a console as a 503 naming the API, which the
    /// client turns into the throttle the console slows that read's polls for.
    @Test func aThrottledSourceIsA503NamingItsAPIAndTheClientSaysWhich() async throws {
        let region = "ap-southeast-3"
        _ = try await EngineServiceFixture.make(region: region)
        let proxy = FaultProxy()
        try await proxy.answer(
            service: "xray", status: 400, body: #"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#, contentType: "application/json")
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-throttled-\(UUID().uuidString)").path
        let cygnid = try await CygnidOnAWS(
            region: region, endpoint: try await proxy.endpoint(), store: "sqlite:\(temporary).sqlite", secretPath: temporary + ".secret",
            replica: "throttled")
        let answer = try await cygnid.send("GET", "/v1/traces")
        let error = answer.json["error"] as? [String: Any]
        #expect(answer.status == 503, "\(answer.json)")
        #expect(error?["code"] as? String == "source_throttled")
        #expect(error?["throttledAPI"] as? String == "X-Ray")
        #expect((error?["message"] as? String)?.hasPrefix("X-Ray is throttling cygnid's reads") == true, "\(String(describing: error))")

        let connection = ControlPlaneConnection(
            address: try ControlPlaneAddress(parsing: "http://127.0.0.1:\(cygnid.port)"), token: try BearerToken(try await cygnid.token(), origin: "test"))
        do {
            _ = try await Clients.controlPlane(connection).telemetry.traces(nil)
            Issue.record("traces were read while X-Ray throttles")
        } catch let failure as ClientError {
            #expect(failure.throttledAPI == "X-Ray" && failure.isTransient, "\(failure)")
        }
        #expect(await cygnid.terminate() == 0)
    }
}
