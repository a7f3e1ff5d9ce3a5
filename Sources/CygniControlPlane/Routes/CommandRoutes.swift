import Foundation
import HTTPTypes
import Hummingbird

/// `POST /v1/rollouts/{id}/commands`: rollback, promote, pause, resume, abort, by role and
/// environment, exactly once per `Idempotency-Key`.
struct CommandRoutes {
    let gate: Gatekeeper
    let world: WorldBackend
    let commands: CommandService

    static var idempotencyKey: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/v1/rollouts/:id/commands") { request, context -> Response in
            var request = request
            let id = context.parameters.get("id") ?? ""
            // Who first: an anonymous caller learns nothing about rollouts or validation.
            let principal = try await gate.admit(request, to: .read, rolloutID: id)
            let body = try await request.collectBody(upTo: CommandRequest.bodyLimit)
            let command = try CommandRequest(body: Data(buffer: body), idempotencyKey: request.headers[Self.idempotencyKey])
            guard let rollout = try await world.rollout(id: id) else {
                throw APIError.notFound("no rollout \(TokenVerifier.printable(id))")
            }
            try await gate.authorize(principal, to: .command(command.action), rollout: rollout)
            let answer = try await commands.execute(command, on: rollout, by: principal)
            return JSONBody.response(data: Data(answer.body), status: HTTPResponse.Status(code: answer.status))
        }
    }
}
