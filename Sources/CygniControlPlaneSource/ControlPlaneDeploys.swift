import CygniAWS
import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation

/// Deploys through cygnid: the plan as `POST /v1/rollouts?dryRun=true`, the deploy as
/// `POST /v1/rollouts`, both with the order's one Idempotency-Key, so a retry after a lost
/// answer gets the first answer again instead of a second rollout.
struct ControlPlaneDeploys: Sendable {
    let connection: ControlPlaneConnection

    func preview(_ order: DeployOrder) async throws(ClientError) -> DeployPreview {
        let response = try await connection.send(request(order, dryRun: true))
        guard response.status == 200 else { throw connection.failure(response) }
        return try connection.decode(PlanAnswer.self, from: response).plan
    }

    func deploy(_ order: DeployOrder, retry: CommandRetry, failed: @escaping CommandAttemptHandler) async throws -> Rollout {
        try await retry.run({ _ in try await self.attempt(order) }, failed: failed).value
    }

    /// One try: created (201, or the first answer replayed), refused, or a failure that says
    /// whether trying again with the same key can help.
    private func attempt(_ order: DeployOrder) async throws -> Rollout {
        let response: HTTPResponse
        do {
            response = try await connection.send(request(order, dryRun: false))
        } catch {
            throw CommandFailure(error.message, isTransient: error.isTransient)
        }
        switch response.status {
        case 201:
            do {
                return try Rollout(try connection.decode(CreatedAnswer.self, from: response).rollout)
            } catch let error as ClientError {
                // Created, but the answer is unreadable: asking again with the key replays it.
                throw CommandFailure(error.message, isTransient: true)
            } catch {
                throw CommandFailure("cygnid at \(connection.address.host) sent a rollout cx cannot read: \(error)", isTransient: false)
            }
        case 409 where connection.errorMessage(response).contains("still being carried out"):
            throw CommandFailure(connection.errorMessage(response), isTransient: true)
        default:
            let failure = connection.failure(response)
            throw CommandFailure(failure.message, isTransient: failure.isTransient)
        }
    }

    private func request(_ order: DeployOrder, dryRun: Bool) -> HTTPRequest {
        let body = (try? APIJSON.encoder().encode(DeployBody(order))) ?? Data()
        var request = HTTPRequest(method: "POST", url: connection.address.url(dryRun ? "/v1/rollouts?dryRun=true" : "/v1/rollouts"), body: body)
        request.setHeader("Idempotency-Key", order.idempotencyKey)
        return request
    }

    private struct PlanAnswer: Decodable {
        var plan: DeployPreview
    }

    private struct CreatedAnswer: Decodable {
        var rollout: RolloutDocument
    }
}

/// The body of `POST /v1/rollouts`; what the order leaves out is left to cygnid's defaults.
struct DeployBody: Encodable {
    var service: String
    var image: String?
    var taskDefinition: String?
    var strategy: String?
    var steps: [Int]?
    /// Seconds.
    var bake: Double?
    var reason: String?

    init(_ order: DeployOrder) {
        service = order.service
        switch order.version {
        case .image(let image): self.image = image
        case .taskDefinition(let definition): taskDefinition = definition
        }
        strategy = order.strategy
        steps = order.steps
        bake = order.bakeSeconds
        reason = order.reason
    }
}
