import CygniControlPlane
import Foundation
import Testing

/// `POST /v1/rollouts` over real HTTP: every field checked and named before anything is done,
/// roles enforced, and the sandbox world saying plainly that deploys need AWS.
@Suite struct DeployRequestTests {
    @Test func everyFieldIsCheckedAndNamed() async throws {
        let server = try await TestServer.start()
        defer { Task { try? await server.stop() } }
        let token = try await server.token(.deployer)
        let cases: [(body: String, status: Int, mentions: String)] = [
            (#"{}"#, 422, "service is required"),
            (#"{"service": "checkout", "image": "x:1"}"#, 422, "is not CLUSTER/SERVICE"),
            (#"{"service": "prod/checkout"}"#, 422, "image or taskDefinition is required"),
            (#"{"service": "prod/checkout", "image": "x:1", "taskDefinition": "web:3"}"#, 422, "not both"),
            (#"{"service": "prod/checkout", "image": "has space"}"#, 422, "image must be"),
            (#"{"service": "prod/checkout", "image": "x:1", "strategy": "rolling"}"#, 422, "task sets cannot do"),
            (#"{"service": "prod/checkout", "image": "x:1", "strategy": "fast"}"#, 422, "is not one of canary, linear, blueGreen"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [50, 25]}"#, 422, "steps must increase"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [0]}"#, 422, "steps[0] must be a whole percentage"),
            (#"{"service": "prod/checkout", "image": "x:1", "steps": [true]}"#, 422, "steps[0] must be a whole percentage"),
            (#"{"service": "prod/checkout", "image": "x:1", "bake": "soon"}"#, 422, "bake \"soon\" is not a duration"),
            (#"{"service": "prod/checkout", "image": "x:1", "bake": "48h"}"#, 422, "bake must be from 0 to 24h"),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"confidence": 2}}"#, 422, "analysis.confidence"),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"speed": 1}}"#, 422, "unknown field analysis.\"speed\""),
            (#"{"service": "prod/checkout", "image": "x:1", "analysis": {"thresholds": {"failureLimit": 0}}}"#, 422, "analysis.thresholds.failureLimit"),
            (#"{"service": "prod/checkout", "image": "x:1", "force": true}"#, 422, "unknown field \"force\""),
            (#"{"service": "prod/checkout", "image": "x:1", "bake": 0, "rollbackWindow": 0, "strategy": "blueGreen"}"#, 409, "deploys need cygnid serve --aws"),
        ]
        for (index, (body, status, mentions)) in cases.enumerated() {
            let reply = try await server.send("POST", "/v1/rollouts", token: token, headers: [("Idempotency-Key", "d\(index)")], body: body)
            #expect(reply.status == status, "\(body): \(reply.text)")
            #expect(reply.errorMessage?.contains(mentions) == true, "\(body): wanted \(mentions), got \(reply.text)")
        }
        let noKey = try await server.send("POST", "/v1/rollouts", token: token, body: #"{"service": "prod/checkout", "image": "x:1"}"#)
        #expect(noKey.status == 400)
    }

    @Test func anOperatorMayNotDeploy() async throws {
        let server = try await TestServer.start()
        defer { Task { try? await server.stop() } }
        let reply = try await server.send(
            "POST", "/v1/rollouts", token: try await server.token(.operator), headers: [("Idempotency-Key", "d1")],
            body: #"{"service": "prod/checkout", "image": "x:1"}"#)
        #expect(reply.status == 403)
        #expect(reply.errorMessage?.contains("may not deploy") == true, "\(reply.text)")
    }
}
